using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Configuration;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Transport;

/// <summary>
/// Picks the request headers the allowlist lets through to subgraphs (tracing) and adds the caller's identity headers,
/// which come from the validated token alone: a client's own <c>X-UCE-*</c> headers never pass, whatever the allowlist says.
/// </summary>
public sealed class ForwardedHeaderSelector
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _prefixes = [];

    public ForwardedHeaderSelector(IOptions<GatewayHostOptions> options)
    {
        foreach (var entry in options.Value.ForwardedHeaders.Where(entry => !string.IsNullOrWhiteSpace(entry)))
        {
            if (entry.EndsWith('*'))
            {
                _prefixes.Add(entry[..^1]);
            }
            else
            {
                _exact.Add(entry);
            }
        }

        if (options.Value.ForwardAuthorization)
        {
            _exact.Add(HeaderNames.Authorization);
        }
        else
        {
            // Listing Authorization by name without the switch is not enough: the token stays at the gateway.
            _exact.Remove(HeaderNames.Authorization);
        }
    }

    /// <summary>The allowed headers of <paramref name="headers"/> and <paramref name="caller"/>'s identity headers, or <c>null</c> when there are none.</summary>
    public Dictionary<string, string>? Select(IHeaderDictionary headers, CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(caller);
        Dictionary<string, string>? selected = null;
        foreach (var (name, values) in headers)
        {
            if (!IsAllowed(name))
            {
                continue;
            }

            selected ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            selected[name] = values.ToString();
        }

        foreach (var (name, value) in caller.ToHeaders())
        {
            selected ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            selected[name] = value;
        }

        return selected;
    }

    private bool IsAllowed(string name)
    {
        if (name.StartsWith(IdentityHeaders.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_exact.Contains(name))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (!name.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) || _exact.Contains(name)))
            {
                return true;
            }
        }

        return false;
    }
}
