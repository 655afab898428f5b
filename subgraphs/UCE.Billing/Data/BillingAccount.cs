namespace UCE.Billing.Data;

/// <summary>The billing side of a customer account: its number, running balance and autopay settings.</summary>
public sealed class BillingAccount
{
    public string Id { get; set; } = "";

    /// <summary>The printed account number; also a federation key of <c>Account</c>.</summary>
    public string Number { get; set; } = "";

    public string CustomerId { get; set; } = "";

    /// <summary>What the customer owes, in minor units (cents); negative is a credit.</summary>
    public long BalanceMinor { get; set; }

    public string Currency { get; set; } = "USD";

    public DateTime BalanceUpdatedAt { get; set; }

    public bool AutopayEnabled { get; set; }

    public PaymentMethod? AutopayMethod { get; set; }

    /// <summary>Day of the month autopay draws the balance (1–28, so every month has it).</summary>
    public int? AutopayDayOfMonth { get; set; }
}
