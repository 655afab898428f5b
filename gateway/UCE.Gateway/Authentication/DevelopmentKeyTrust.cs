using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Authentication;

/// <summary>Whether this gateway trusts the development key, and the key when it does (made on first use).</summary>
public sealed class DevelopmentKeyTrust
{
    public DevelopmentKeyTrust(IOptions<GatewayHostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var authentication = options.Value.Authentication;
        if (authentication.TrustsDevelopmentKeys(options.Value.IsEmbeddedDefault))
        {
            Key = DevelopmentSigningKey.LoadOrCreate(authentication.DevelopmentKeyPath);
        }
    }

    /// <summary>The development key, or <c>null</c> when it is not trusted.</summary>
    public DevelopmentSigningKey? Key { get; }
}
