namespace UCE.Billing.Data;

/// <summary>Processing state of a payment.</summary>
public enum PaymentStatus
{
    Posted,
    Pending,
    Failed,
}
