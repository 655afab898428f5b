using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Transport;

/// <summary>Picks the request headers the allowlist lets through to subgraphs (identity, tracing).</summary>
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

    /// <summary>The allowed headers of <paramref name="headers"/>, or <c>null</c> when there are none.</summary>
    public Dictionary<string, string>? Select(IHeaderDictionary headers)
    {
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

        return selected;
    }

    private bool IsAllowed(string name)
    {
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
