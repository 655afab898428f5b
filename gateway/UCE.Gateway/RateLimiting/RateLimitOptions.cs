namespace UCE.Gateway.RateLimiting;

/// <summary>
/// Per-client rate limits (configuration section <c>Gateway:RateLimit</c>). A client is its token's client id, else its
/// subject, else (anonymous) its IP address. The state is in Redis when <c>ConnectionStrings:Redis</c> is set, so that
/// the limits hold across gateway instances; in memory otherwise.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:RateLimit";

    /// <summary>Whether requests are limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Operations per minute per client, on average (each operation of a batch counts).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Operations a client may send at once after being idle.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Per-role rules replacing the default, keyed by role (<c>anonymous</c>, <c>partner</c> …).</summary>
    public Dictionary<string, RoleRateLimit> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule of <paramref name="role"/>.</summary>
    public RateLimitRule RuleOf(string role) =>
        Roles.TryGetValue(role, out var custom)
            ? new RateLimitRule(custom.PermitsPerMinute ?? PermitsPerMinute, custom.Burst ?? Burst)
            : new RateLimitRule(PermitsPerMinute, Burst);
}

/// <summary>One role's rate; an unset value keeps the default.</summary>
public sealed class RoleRateLimit
{
    public int? PermitsPerMinute { get; set; }

    public int? Burst { get; set; }
}
