namespace UCE.Billing.Data;

/// <summary>One charge on a bill.</summary>
public sealed class BillLineItem
{
    public string BillId { get; set; } = "";

    /// <summary>Order of the line on the printed bill.</summary>
    public int Position { get; set; }

    public string Description { get; set; } = "";

    public LineItemKind Kind { get; set; }

    public long AmountMinor { get; set; }
}
