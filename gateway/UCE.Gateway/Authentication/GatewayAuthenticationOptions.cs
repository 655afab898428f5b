namespace UCE.Gateway.Authentication;

/// <summary>How the gateway validates bearer tokens (configuration section <c>Gateway:Authentication</c>).</summary>
public sealed class GatewayAuthenticationOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Authentication";

    /// <summary>The algorithms accepted when <see cref="Algorithms"/> is not configured: asymmetric only.</summary>
    public static IReadOnlyList<string> AsymmetricAlgorithms { get; } =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>The token's <c>iss</c> must equal this.</summary>
    public string? Issuer { get; set; }

    /// <summary>The token's <c>aud</c> must contain one of these.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>A JWKS file with the issuer's public keys; re-read when it changes.</summary>
    public string? JwksPath { get; set; }

    /// <summary>A JWKS URL (https, or http on a loopback address only); fetched at start, every <see cref="JwksRefreshInterval"/> and on an unknown key id.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>How often the JWKS is re-read or re-fetched even when nothing asks for it.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The least time between two refreshes a token with an unknown key id may cause, so that a stream of tokens with
    /// made-up key ids cannot make the gateway fetch the JWKS again and again.
    /// </summary>
    public TimeSpan JwksMinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a JWKS fetch may take.</summary>
    public TimeSpan JwksFetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far the gateway's clock and the issuer's may disagree on <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The accepted <c>alg</c> values; <see cref="AsymmetricAlgorithms"/> when empty. <c>none</c> is never accepted.</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>
    /// Trust the development key that the <c>token</c> command signs with. Unset: trusted only in the embedded default
    /// when nothing else (issuer, JWKS) is configured. It can never be switched on beside a configured issuer or JWKS.
    /// </summary>
    public bool? DevelopmentKeys { get; set; }

    /// <summary>Where the development key is kept; a folder in the user's local data folder when unset.</summary>
    public string? DevelopmentKeyPath { get; set; }

    /// <summary>True when an issuer or a key source is configured: a production setup that must be complete.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Issuer) || !string.IsNullOrWhiteSpace(JwksPath) || JwksUrl is not null || Audiences.Count > 0;

    /// <summary>The algorithms tokens may be signed with.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms => Algorithms.Count > 0 ? Algorithms : AsymmetricAlgorithms;

    /// <summary>Whether the development key is trusted, given whether the gateway runs the embedded default.</summary>
    public bool TrustsDevelopmentKeys(bool embeddedDefault) => DevelopmentKeys ?? (embeddedDefault && !IsConfigured);

    /// <summary>The configuration problems, empty when there are none.</summary>
    public IEnumerable<string> Problems(bool embeddedDefault)
    {
        if (IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(Issuer))
            {
                yield return $"{SectionName}:Issuer is required when authentication is configured.";
            }

            if (Audiences.Count == 0 || Audiences.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"{SectionName}:Audiences needs at least one audience when authentication is configured.";
            }

            if (string.IsNullOrWhiteSpace(JwksPath) && JwksUrl is null)
            {
                yield return $"{SectionName}: set JwksPath or JwksUrl, where the issuer's public keys are.";
            }

            if (DevelopmentKeys == true)
            {
                yield return $"{SectionName}:DevelopmentKeys cannot be on beside a configured issuer: the development key is for local use only.";
            }
        }
        else if (DevelopmentKeys == true && !embeddedDefault)
        {
            yield return $"{SectionName}:DevelopmentKeys is only for the embedded default, not a gateway over a configured supergraph.";
        }

        if (JwksUrl is { } url && !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            yield return $"{SectionName}:JwksUrl must be https (http only on a loopback address), not '{url}'.";
        }

        if (EffectiveAlgorithms.Any(algorithm => string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{SectionName}:Algorithms may not contain 'none'.";
        }

        if (JwksRefreshInterval <= TimeSpan.Zero || JwksMinimumRefreshInterval < TimeSpan.Zero || JwksFetchTimeout <= TimeSpan.Zero || ClockSkew < TimeSpan.Zero)
        {
            yield return $"{SectionName}: JwksRefreshInterval and JwksFetchTimeout must be positive, JwksMinimumRefreshInterval and ClockSkew not negative.";
        }
    }
}
