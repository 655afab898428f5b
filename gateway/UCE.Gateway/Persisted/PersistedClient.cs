using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Persisted;

/// <summary>The client a request comes from, as far as trusted documents go, and what it may send.</summary>
/// <param name="Name">The client (a token's client id, or the owner of an API key); <c>null</c> for a caller that names none.</param>
/// <param name="PersistedOnly">Only its own trusted documents, by id.</param>
/// <param name="AllowApq">May register and use automatic persisted queries.</param>
public sealed record PersistedClient(string? Name, bool PersistedOnly, bool AllowApq);

/// <summary>
/// Tells which client a request comes from: the token's client id, else the client whose API key the request carries. An
/// API key no client owns is refused, as a bad token is: it never falls back to an unnamed caller.
/// </summary>
public sealed class PersistedClientIdentifier
{
    private readonly PersistedDocumentOptions _options;

    // Keys are compared by their SHA-256, so that the lookup's timing says nothing about a key's characters.
    private readonly Dictionary<string, string> _clientsByKeyHash = new(StringComparer.Ordinal);

    public PersistedClientIdentifier(IOptions<PersistedDocumentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        foreach (var (client, policy) in _options.Clients)
        {
            foreach (var key in policy.ApiKeys)
            {
                if (!string.IsNullOrEmpty(key))
                {
                    _clientsByKeyHash[KeyHash(key)] = client;
                }
            }
        }
    }

    /// <summary>The request header that carries API keys.</summary>
    public string ApiKeyHeader => _options.ApiKeyHeader;

    /// <summary>The client of a caller with <paramref name="apiKey"/> (empty or <c>null</c> for none); <c>null</c> when the key is unknown.</summary>
    public PersistedClient? Identify(CallerIdentity caller, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(caller);
        string? keyOwner = null;
        if (!string.IsNullOrEmpty(apiKey) && !_clientsByKeyHash.TryGetValue(KeyHash(apiKey), out keyOwner))
        {
            return null;
        }

        var name = caller.ClientId is { Length: > 0 } clientId ? clientId : keyOwner;
        return PolicyOf(name);
    }

    /// <summary>The policy of <paramref name="name"/>: its own settings over <see cref="PersistedDocumentOptions.Default"/>.</summary>
    public PersistedClient PolicyOf(string? name)
    {
        var fallback = _options.Default;
        var own = name is not null && _options.Clients.TryGetValue(name, out var configured) ? configured : null;
        return new PersistedClient(
            name,
            own?.PersistedOnly ?? fallback.PersistedOnly ?? false,
            own?.AllowApq ?? fallback.AllowApq ?? true);
    }

    private static string KeyHash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
