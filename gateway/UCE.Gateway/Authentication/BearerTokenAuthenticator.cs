using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Configuration;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Authentication;

/// <summary>What the gateway made of a request's <c>Authorization</c> header: the caller, or why the request is refused.</summary>
public sealed record CallerAuthentication(CallerIdentity Identity, BearerTokenFailure? Failure)
{
    public static CallerAuthentication Anonymous { get; } = new(CallerIdentity.Anonymous, null);
}

/// <summary>A refused bearer token, as RFC 6750 names it: <c>invalid_request</c> or <c>invalid_token</c>, and a description.</summary>
public sealed record BearerTokenFailure(string Error, string Description)
{
    /// <summary>The <c>WWW-Authenticate</c> header value.</summary>
    public string Challenge => $"Bearer error=\"{Error}\", error_description=\"{Description.Replace("\"", "'", StringComparison.Ordinal)}\"";
}

/// <summary>
/// Validates the request's bearer token (issuer, audience, lifetime, signature with a trusted key and an allowed
/// asymmetric algorithm) and maps its claims to a <see cref="CallerIdentity"/>. No <c>Authorization</c> header is an
/// anonymous caller; anything wrong with one that is present is a failure, never anonymous.
/// </summary>
public sealed partial class BearerTokenAuthenticator
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>How many validated tokens are remembered; past it the memory starts over.</summary>
    private const int MaxRememberedTokens = 10_000;

    // A client sends the same token with every request until it expires: its signature is checked once, and the identity
    // remembered until the token's expiry (plus the clock skew the validation allows) or until the trusted keys change.
    private readonly ConcurrentDictionary<string, ValidatedToken> _validated = new(StringComparer.Ordinal);

    private readonly GatewayAuthenticationOptions _options;
    private readonly TokenSigningKeys _keys;
    private readonly ILogger<BearerTokenAuthenticator> _logger;
    private readonly string? _issuer;
    private readonly IReadOnlyList<string> _audiences;

    public BearerTokenAuthenticator(IOptions<GatewayHostOptions> options, DevelopmentKeyTrust developmentKeyTrust, TokenSigningKeys keys, ILogger<BearerTokenAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(developmentKeyTrust);
        _options = options.Value.Authentication;
        _keys = keys;
        _logger = logger;
        if (developmentKeyTrust.Key is not null)
        {
            _issuer = DevelopmentSigningKey.Issuer;
            _audiences = [DevelopmentSigningKey.Audience];
        }
        else
        {
            _issuer = string.IsNullOrWhiteSpace(_options.Issuer) ? null : _options.Issuer;
            _audiences = _options.Audiences;
        }
    }

    /// <summary>Authenticates the caller from <paramref name="headers"/>' <c>Authorization</c>.</summary>
    public async ValueTask<CallerAuthentication> AuthenticateAsync(IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var authorization = headers[HeaderNames.Authorization];
        if (authorization.Count == 0)
        {
            return CallerAuthentication.Anonymous;
        }

        if (authorization.Count > 1)
        {
            return Refuse("invalid_request", "Send one Authorization header.");
        }

        var value = authorization[0]?.Trim() ?? string.Empty;
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value[7..].Trim() is not { Length: > 0 } token)
        {
            return Refuse("invalid_request", "The Authorization header must be 'Bearer <token>'.");
        }

        if (_issuer is null)
        {
            return Refuse("invalid_token", "This gateway is not configured to accept bearer tokens.");
        }

        var keys = _keys.Current;
        if (_validated.TryGetValue(token, out var remembered) && ReferenceEquals(remembered.Keys, keys) && DateTime.UtcNow < remembered.ValidUntilUtc)
        {
            return new CallerAuthentication(remembered.Identity, null);
        }

        var result = await ValidateAsync(token);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException
            && await _keys.RefreshForUnknownKeyAsync(cancellationToken))
        {
            result = await ValidateAsync(token);
        }

        if (!result.IsValid)
        {
            LogRefused(_logger, result.Exception?.GetType().Name ?? "unknown", result.Exception?.Message ?? string.Empty);
            return Refuse("invalid_token", Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (TokenClaims.ToIdentity(jwt, out var problem) is not { } identity)
        {
            return Refuse("invalid_token", problem!);
        }

        if (_validated.Count >= MaxRememberedTokens)
        {
            _validated.Clear();
        }

        // The keys read before validating: if they changed meanwhile, the entry is stale at once.
        _validated[token] = new ValidatedToken(identity, jwt.ValidTo + _options.ClockSkew, keys);
        return new CallerAuthentication(identity, null);
    }

    private Task<TokenValidationResult> ValidateAsync(string token) =>
        Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _issuer,
            ValidAudiences = _audiences,
            IssuerSigningKeys = _keys.Current,
            ValidAlgorithms = _options.EffectiveAlgorithms,
            ClockSkew = _options.ClockSkew,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            RequireAudience = true,
        });

    private sealed record ValidatedToken(CallerIdentity Identity, DateTime ValidUntilUtc, IReadOnlyList<SecurityKey> Keys);

    private static CallerAuthentication Refuse(string error, string description) =>
        new(CallerIdentity.Anonymous, new BearerTokenFailure(error, description));

    // Derived exception types come before their bases.
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry time.",
        SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted here.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key this gateway does not know.",
        SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT.",
        _ => "The bearer token is not valid.",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bearer token refused ({ExceptionType}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string exceptionType, string reason);
}
