using Microsoft.IdentityModel.JsonWebTokens;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Authentication;

/// <summary>
/// Turns a validated token's claims into the caller's identity: <c>sub</c>; the role from <c>uce_role</c> or else
/// <c>role</c>; <c>customer_id</c>; scopes from <c>scope</c> (space-separated) or <c>scp</c> (a string or an array); the
/// client from <c>client_id</c> or else <c>azp</c>.
/// </summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string UceRole = "uce_role";
    public const string CustomerId = "customer_id";
    public const string Scope = "scope";
    public const string Scp = "scp";
    public const string ClientId = "client_id";
    public const string AuthorizedParty = "azp";

    // Identity headers carry these values; anything longer is not an id but an attempt to bloat every subgraph request.
    private const int MaxValueLength = 256;
    private const int MaxScopes = 64;

    /// <summary>The identity <paramref name="token"/> carries, or <c>null</c> with the <paramref name="problem"/> that makes it unusable.</summary>
    public static CallerIdentity? ToIdentity(JsonWebToken token, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(token);
        var roleValues = Values(token, UceRole) is { Count: > 0 } uceRoles ? uceRoles : Values(token, Role);
        if (roleValues.Count != 1)
        {
            problem = roleValues.Count == 0
                ? $"The token carries no role (claim '{UceRole}' or '{Role}')."
                : "The token carries more than one role.";
            return null;
        }

        if (!CallerIdentity.TryParseRole(roleValues[0], out var role) || role == CallerRole.Anonymous)
        {
            problem = $"The token's role '{Printable(roleValues[0])}' is not one of customer, agent, partner, service, supervisor.";
            return null;
        }

        var subject = Single(token, Subject);
        var customerId = role == CallerRole.Customer ? Single(token, CustomerId) : null;
        var clientId = Single(token, ClientId) ?? Single(token, AuthorizedParty);
        if (role == CallerRole.Customer && customerId is null)
        {
            problem = $"A customer token must carry the customer's id (claim '{CustomerId}').";
            return null;
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in Values(token, Scope).Concat(Values(token, Scp)))
        {
            scopes.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var (name, value) in new[] { (Subject, subject), (CustomerId, customerId), ("client", clientId) }.Concat(scopes.Select(scope => ("scope", (string?)scope))))
        {
            if (value is not null && !IsHeaderSafe(value))
            {
                problem = $"The token's {name} is longer than {MaxValueLength} characters or holds characters an identity header cannot carry.";
                return null;
            }
        }

        if (scopes.Count > MaxScopes)
        {
            problem = $"The token carries more than {MaxScopes} scopes.";
            return null;
        }

        problem = null;
        return new CallerIdentity(subject, role, customerId, scopes, clientId);
    }

    private static List<string> Values(JsonWebToken token, string type) =>
        [.. token.Claims.Where(claim => claim.Type == type).Select(claim => claim.Value.Trim()).Where(value => value.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string? Single(JsonWebToken token, string type) => Values(token, type) is { Count: > 0 } values ? values[0] : null;

    // Printable ASCII only: a line break would split the header, and anything outside ASCII is not sent as written.
    private static bool IsHeaderSafe(string value) =>
        value.Length <= MaxValueLength && value.All(c => c is >= ' ' and <= '~');

    private static string Printable(string value) =>
        IsHeaderSafe(value) ? value : "(unprintable)";
}
