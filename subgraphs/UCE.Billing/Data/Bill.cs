namespace UCE.Billing.Data;

/// <summary>One monthly statement of an account.</summary>
public sealed class Bill
{
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    /// <summary>The customer who owns the account; not stored with the bill, filled in by whoever loads it, for authorization.</summary>
    public string CustomerId { get; set; } = "";

    public DateOnly PeriodStart { get; set; }

    public DateOnly PeriodEnd { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateOnly DueDate { get; set; }

    /// <summary>The billed total in minor units; equals the sum of the line items.</summary>
    public long AmountMinor { get; set; }

    /// <summary>How much of <see cref="AmountMinor"/> payments have covered so far.</summary>
    public long PaidMinor { get; set; }

    public BillStatus Status { get; set; }

    public List<BillLineItem> LineItems { get; set; } = [];

    public long DueMinor => AmountMinor - PaidMinor;

    /// <summary>Applies up to <paramref name="availableMinor"/> to what is still due and returns what was applied.</summary>
    public long ApplyPayment(long availableMinor)
    {
        var applied = Math.Min(availableMinor, DueMinor);
        if (applied <= 0)
        {
            return 0;
        }

        PaidMinor += applied;
        Status = PaidMinor >= AmountMinor ? BillStatus.Paid : BillStatus.PartiallyPaid;
        return applied;
    }
}
