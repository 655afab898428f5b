namespace UCE.Billing.Data;

/// <summary>Where a bill stands with respect to payment.</summary>
public enum BillStatus
{
    Issued,
    PartiallyPaid,
    Paid,
    Overdue,
}
