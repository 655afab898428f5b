namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>
/// The caller's validated identity, forwarded by the gateway in <see cref="IdentityHeaders"/>.
/// </summary>
public sealed record CallerIdentity(
    string? Subject,
    CallerRole Role,
    string? CustomerId,
    IReadOnlySet<string> Scopes,
    string? ClientId = null)
{
    /// <summary>No identity was forwarded.</summary>
    public static CallerIdentity Anonymous { get; } =
        new(null, CallerRole.Anonymous, null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>True when the caller may act for <paramref name="customerId"/>: agents and supervisors always, customers for themselves.</summary>
    public bool MayActFor(string customerId) =>
        Role is CallerRole.Agent or CallerRole.Supervisor
        || (Role == CallerRole.Customer && string.Equals(CustomerId, customerId, StringComparison.Ordinal));

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>The role's name in headers and tokens: <c>customer</c>, <c>agent</c> …</summary>
    public static string NameOf(CallerRole role) => role switch
    {
        CallerRole.Anonymous => "anonymous",
        CallerRole.Customer => "customer",
        CallerRole.Agent => "agent",
        CallerRole.Partner => "partner",
        CallerRole.Service => "service",
        CallerRole.Supervisor => "supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Parses a role name (any case); false for anything else.</summary>
    public static bool TryParseRole(string? text, out CallerRole role)
    {
        foreach (var candidate in Enum.GetValues<CallerRole>())
        {
            if (string.Equals(NameOf(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = CallerRole.Anonymous;
        return false;
    }

    /// <summary>The identity headers that carry this identity (none for anonymous), as the gateway writes them.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToHeaders()
    {
        if (Role == CallerRole.Anonymous && Subject is null && CustomerId is null && ClientId is null && Scopes.Count == 0)
        {
            yield break;
        }

        yield return new(IdentityHeaders.Role, NameOf(Role));
        if (Subject is not null)
        {
            yield return new(IdentityHeaders.Subject, Subject);
        }

        if (CustomerId is not null)
        {
            yield return new(IdentityHeaders.CustomerId, CustomerId);
        }

        if (ClientId is not null)
        {
            yield return new(IdentityHeaders.Client, ClientId);
        }

        if (Scopes.Count > 0)
        {
            yield return new(IdentityHeaders.Scopes, string.Join(' ', Scopes.Order(StringComparer.Ordinal)));
        }
    }
}
