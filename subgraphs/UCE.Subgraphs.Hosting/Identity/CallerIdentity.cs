namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>
/// The caller's validated identity, forwarded by the gateway in <see cref="IdentityHeaders"/>.
/// </summary>
public sealed record CallerIdentity(
    string? Subject,
    CallerRole Role,
    string? CustomerId,
    IReadOnlySet<string> Scopes)
{
    /// <summary>No identity was forwarded.</summary>
    public static CallerIdentity Anonymous { get; } =
        new(null, CallerRole.Anonymous, null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>True when the caller may act for <paramref name="customerId"/>: agents always, customers for themselves.</summary>
    public bool MayActFor(string customerId) =>
        Role == CallerRole.Agent
        || (Role == CallerRole.Customer && string.Equals(CustomerId, customerId, StringComparison.Ordinal));

    public bool HasScope(string scope) => Scopes.Contains(scope);
}
