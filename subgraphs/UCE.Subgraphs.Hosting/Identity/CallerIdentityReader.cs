using Microsoft.AspNetCore.Http;

namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>Reads the <see cref="IdentityHeaders"/> the gateway forwards into a <see cref="CallerIdentity"/>.</summary>
public static class CallerIdentityReader
{
    /// <summary>
    /// Parses the identity headers. No role header means an anonymous caller; a role that is not one of
    /// <see cref="CallerRole"/> names, or a customer without a customer id, is refused
    /// rather than guessed, so a misconfigured gateway never widens what a caller sees.
    /// </summary>
    public static bool TryRead(IHeaderDictionary headers, out CallerIdentity identity, out string? problem)
    {
        identity = CallerIdentity.Anonymous;
        problem = null;

        var roleText = Single(headers, IdentityHeaders.Role);
        var subject = Single(headers, IdentityHeaders.Subject);
        var customerId = Single(headers, IdentityHeaders.CustomerId);
        var clientId = Single(headers, IdentityHeaders.Client);
        var scopes = new HashSet<string>(
            (Single(headers, IdentityHeaders.Scopes) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.Ordinal);

        CallerRole role;
        if (roleText is null)
        {
            role = CallerRole.Anonymous;
        }
        else if (!CallerIdentity.TryParseRole(roleText, out role))
        {
            problem = $"Header {IdentityHeaders.Role} must be one of {string.Join(", ", Enum.GetValues<CallerRole>().Select(CallerIdentity.NameOf))}; got '{roleText}'.";
            return false;
        }

        if (role == CallerRole.Customer && customerId is null)
        {
            problem = $"Header {IdentityHeaders.CustomerId} is required when {IdentityHeaders.Role} is customer.";
            return false;
        }

        if (role == CallerRole.Anonymous && subject is null && customerId is null && clientId is null && scopes.Count == 0)
        {
            return true;
        }

        // Only a customer is bound to a customer id; for the other roles the header carries no authority.
        identity = new CallerIdentity(subject, role, role == CallerRole.Customer ? customerId : null, scopes, clientId);
        return true;
    }

    private static string? Single(IHeaderDictionary headers, string name)
    {
        var value = headers[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }
}
