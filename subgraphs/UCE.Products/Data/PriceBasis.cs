namespace UCE.Products.Data;

/// <summary>How a product's price is charged.</summary>
public enum PriceBasis
{
    OneTime,
    Monthly,
}
