namespace UCE.Billing.Data;

/// <summary>Money received against an account, recorded once per idempotency key.</summary>
public sealed class Payment
{
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    public long AmountMinor { get; set; }

    public PaymentMethod Method { get; set; }

    public DateTime At { get; set; }

    public PaymentStatus Status { get; set; }

    /// <summary>The client's key for this payment; unique, so a retried request cannot pay twice.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>The subject that made the payment, when the gateway forwarded one.</summary>
    public string? RecordedBy { get; set; }
}
