using GraphQL.Types;
using UCE.Products.Data;

namespace UCE.Products.Types;

/// <summary>GraphQL enum <c>ProductPriceBasis</c>: ONE_TIME or MONTHLY.</summary>
public sealed class PriceBasisType : EnumerationGraphType<PriceBasis>
{
    public PriceBasisType()
    {
        Name = "ProductPriceBasis";
        Description = "How a product's price is charged.";
    }
}
