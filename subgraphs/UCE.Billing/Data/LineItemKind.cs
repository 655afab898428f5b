namespace UCE.Billing.Data;

/// <summary>What a bill line charges for.</summary>
public enum LineItemKind
{
    Energy,
    Delivery,
    CustomerCharge,
    Product,
    Tax,
    Adjustment,
}
