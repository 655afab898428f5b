namespace UCE.Usage.Data;

/// <summary>A customer's consent that one partner (by its client id) may read their usage.</summary>
public sealed class UsageConsent
{
    /// <summary>The partner client of the demo set: the first <see cref="DemoConsentingCustomers"/> demo customers consented to it.</summary>
    public const string DemoPartnerClientId = "energy-insights";

    /// <summary>How many demo customers, from the first, consented to <see cref="DemoPartnerClientId"/>.</summary>
    public const int DemoConsentingCustomers = 3;

    public string CustomerId { get; set; } = "";

    /// <summary>The partner's client id (<c>X-UCE-Client</c>).</summary>
    public string ClientId { get; set; } = "";

    public DateTime GrantedAt { get; set; }
}
