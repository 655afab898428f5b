using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace UCE.Gateway.Tests.Support;

/// <summary>
/// An identity provider for tests: an RSA key whose public half is published in a JWKS file in a temporary folder, and
/// tokens signed with it. <see cref="Default"/> is the issuer every <see cref="GatewayTestHost"/> trusts unless told otherwise.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    public const string IssuerName = "https://issuer.uce-tests.invalid";

    public const string AudienceName = "uce-graph-tests";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TestTokenIssuer()
    {
        Directory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", "issuer-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        JwksPath = Path.Combine(Directory, "jwks.json");
        SigningKey = NewKey();
        PublishJwks(SigningKey);
    }

    /// <summary>The issuer the test gateways trust by default (its folder lives as long as the test run).</summary>
    public static TestTokenIssuer Default { get; } = CreateForTheTestRun();

    public string Directory { get; }

    public string JwksPath { get; }

    /// <summary>The key tokens are signed with now.</summary>
    public RsaSecurityKey SigningKey { get; private set; }

    /// <summary>The <c>Gateway:Authentication</c> settings of a gateway that trusts this issuer.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Gateway:Authentication:Issuer"] = IssuerName,
        ["Gateway:Authentication:Audiences:0"] = AudienceName,
        ["Gateway:Authentication:JwksPath"] = JwksPath,
    };

    private static TestTokenIssuer CreateForTheTestRun()
    {
        var issuer = new TestTokenIssuer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => issuer.Dispose();
        return issuer;
    }

    /// <summary>A fresh 2048-bit RSA key with its RFC 7638 thumbprint as key id.</summary>
    public static RsaSecurityKey NewKey()
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        var thumbprint = new JsonWebKey { Kty = "RSA", E = Base64UrlEncoder.Encode(parameters.Exponent), N = Base64UrlEncoder.Encode(parameters.Modulus) }.ComputeJwkThumbprint();
        return new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(thumbprint) };
    }

    /// <summary>Signs with a new key from now on and publishes only the new key's public half (old tokens stop being valid).</summary>
    public RsaSecurityKey Rotate()
    {
        var previous = SigningKey;
        SigningKey = NewKey();
        PublishJwks(SigningKey);
        return previous;
    }

    /// <summary>Writes the JWKS with <paramref name="keys"/> the way deployments do: a temporary file renamed over the old one.</summary>
    public void PublishJwks(params RsaSecurityKey[] keys)
    {
        var jwks = new
        {
            keys = keys.Select(key =>
            {
                var parameters = key.Rsa.ExportParameters(false);
                return new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
            }),
        };
        var temporary = JwksPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(jwks));
        File.Move(temporary, JwksPath, overwrite: true);
    }

    /// <summary>A token for <paramref name="role"/>; every other part can be changed to make it wrong.</summary>
    public string CreateToken(
        string? role = "agent",
        string? customerId = null,
        string? scopes = null,
        string? clientId = null,
        string? subject = "user-1",
        TimeSpan? validFor = null,
        DateTimeOffset? notBefore = null,
        string issuer = IssuerName,
        string audience = AudienceName,
        SigningCredentials? signing = null,
        IDictionary<string, object>? claims = null)
    {
        var now = DateTimeOffset.UtcNow;
        var from = notBefore ?? now.AddMinutes(-1);
        var payload = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        AddIfSet(payload, "sub", subject);
        AddIfSet(payload, "role", role);
        AddIfSet(payload, "customer_id", customerId);
        AddIfSet(payload, "scope", scopes);
        AddIfSet(payload, "client_id", clientId);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = payload,
            IssuedAt = from.UtcDateTime,
            NotBefore = from.UtcDateTime,
            Expires = (from + (validFor ?? TimeSpan.FromHours(1))).UtcDateTime,
            SigningCredentials = signing ?? new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with the same claims as a valid agent token.</summary>
    public string CreateUnsignedToken()
    {
        var valid = new JsonWebToken(CreateToken());
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{valid.EncodedPayload}.";
    }

    /// <summary>
    /// The classic key-confusion forgery: HS256 with the issuer's RSA public key (its PEM text, as a library that takes
    /// "the key" as bytes would use it) as the HMAC secret, under the real key's id.
    /// </summary>
    public string CreateTokenMacedWithThePublicKey()
    {
        var pem = SigningKey.Rsa.ExportSubjectPublicKeyInfoPem();
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(pem)) { KeyId = SigningKey.KeyId };
        return CreateToken(signing: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A gateway's watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }

    private static void AddIfSet(Dictionary<string, object> payload, string name, string? value)
    {
        if (value is not null)
        {
            payload[name] = value;
        }
    }
}
