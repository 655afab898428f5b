using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Authentication;

/// <summary>What the <c>token</c> command puts in a development token.</summary>
public sealed record DevelopmentTokenRequest(CallerRole Role, string Subject, string? CustomerId, IReadOnlyList<string> Scopes, string? ClientId, TimeSpan Lifetime)
{
    /// <summary>Checks the command's options; throws <see cref="FormatException"/> with a message for the user when they are wrong.</summary>
    public static DevelopmentTokenRequest Create(string? role, string? customerId, string? scopes, string? clientId, string? subject, TimeSpan lifetime)
    {
        if (role is null)
        {
            throw new FormatException("token needs --role (customer, agent, partner, service or supervisor).");
        }

        if (!CallerIdentity.TryParseRole(role, out var parsed) || parsed == CallerRole.Anonymous)
        {
            throw new FormatException($"--role must be customer, agent, partner, service or supervisor, not '{role}' (no token is anonymous).");
        }

        customerId = string.IsNullOrWhiteSpace(customerId) ? null : customerId.Trim();
        if (parsed == CallerRole.Customer && customerId is null)
        {
            throw new FormatException("A customer token needs --customer ID (e.g. --customer cus-000001).");
        }

        if (parsed != CallerRole.Customer && customerId is not null)
        {
            throw new FormatException("--customer is only for --role customer; other roles are not bound to one customer.");
        }

        var scopeList = (scopes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var name = CallerIdentity.NameOf(parsed);
        return new DevelopmentTokenRequest(
            parsed,
            string.IsNullOrWhiteSpace(subject) ? customerId ?? $"dev-{name}" : subject.Trim(),
            customerId,
            scopeList,
            string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim(),
            lifetime);
    }

    /// <summary>The signed token, valid from <paramref name="now"/> for <see cref="Lifetime"/>.</summary>
    public string CreateToken(DevelopmentSigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = Subject,
            [TokenClaims.Role] = CallerIdentity.NameOf(Role),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (CustomerId is not null)
        {
            claims[TokenClaims.CustomerId] = CustomerId;
        }

        if (Scopes.Count > 0)
        {
            claims[TokenClaims.Scope] = string.Join(' ', Scopes);
        }

        if (ClientId is not null)
        {
            claims[TokenClaims.ClientId] = ClientId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentSigningKey.Issuer,
            Audience = DevelopmentSigningKey.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.PrivateKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
