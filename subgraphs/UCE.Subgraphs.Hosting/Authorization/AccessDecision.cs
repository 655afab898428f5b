namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>What an <see cref="AccessRule"/> decided, and whose customer data the decision was about (for the agent access log).</summary>
public readonly record struct AccessDecision(bool Allowed, string? CustomerId)
{
    public static AccessDecision Allow(string? customerId = null) => new(true, customerId);

    public static AccessDecision Deny(string? customerId = null) => new(false, customerId);
}
