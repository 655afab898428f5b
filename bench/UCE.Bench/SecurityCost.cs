using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Bench;

/// <summary>
/// The per-request cost of the security the gateway adds to a customer-360 request, part by part: validating an RS256
/// bearer token (as the gateway does on the first request with it) and finding it again (every later request), and
/// signing the identity over each subgraph request body (the gateway) and checking that signature (each subgraph).
/// The bodies are the UCE gateway's customer-360 subgraph requests from a recording (<c>bench/run.sh … replay</c>).
/// </summary>
public static class SecurityCost
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(BenchArguments arguments)
    {
        var iterations = arguments.Int("iterations", 20_000);
        var bodies = File.ReadLines(arguments.Required("recording"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Request").GetString()!)
            .Where(body => body.Contains("\"operationName\":\"Customer360__", StringComparison.Ordinal))
            .Select(Encoding.UTF8.GetBytes)
            .ToList();
        if (bodies.Count == 0)
        {
            Console.Error.WriteLine("The recording holds no customer-360 requests of the UCE gateway.");
            return 1;
        }

        var customers = bodies.Count(body => Encoding.UTF8.GetString(body).Contains("Customer360__customers__0", StringComparison.Ordinal));
        var fetchesPerRequest = (double)bodies.Count / Math.Max(customers, 1);

        var key = IdentitySigningKey.Generate("bench");
        var identity = new Dictionary<string, string>
        {
            [IdentityHeaders.Role] = "agent",
            [IdentityHeaders.Subject] = "agent-7",
            [IdentityHeaders.Client] = "agent-desktop",
            [IdentityHeaders.Scopes] = "billing:read customers:read",
        };
        Func<string, string?> lookup = name => identity.TryGetValue(name, out var value) ? value : null;
        var now = DateTimeOffset.UtcNow;

        var sign = Measure(iterations, i => IdentitySignature.Create(lookup, bodies[i % bodies.Count], now, key));
        var headers = new HeaderDictionary();
        foreach (var (name, value) in identity)
        {
            headers[name] = value;
        }

        var signatures = bodies.Select(body => IdentitySignature.Create(lookup, body, now, key)).ToList();
        var verify = Measure(iterations, i =>
        {
            headers[IdentityHeaders.Signature] = signatures[i % bodies.Count];
            return IdentitySignature.Verify(headers, bodies[i % bodies.Count], now, [key]);
        });

        using var rsa = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(rsa) { KeyId = "bench" };
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.bench.invalid",
            Audience = "uce-graph",
            Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", "agent-7"), new Claim("role", "agent"), new Claim("scope", "billing:read customers:read")]),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "https://issuer.bench.invalid",
            ValidAudience = "uce-graph",
            IssuerSigningKeys = [new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "bench" }],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        };
        var validate = Measure(Math.Max(iterations / 10, 100), _ => handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult().IsValid);
        var remembered = new System.Collections.Concurrent.ConcurrentDictionary<string, object>(StringComparer.Ordinal) { [token] = identity };
        var lookupToken = Measure(iterations, _ => remembered.TryGetValue(token, out var found) && DateTime.UtcNow < DateTime.MaxValue ? found : null);

        var result = new
        {
            bodies = bodies.Count,
            fetchesPerRequest = Math.Round(fetchesPerRequest, 2),
            meanBodyBytes = Math.Round(bodies.Average(body => body.Length)),
            signMicroseconds = sign,
            verifyMicroseconds = verify,
            signPerRequestMicroseconds = Math.Round(sign * fetchesPerRequest, 2),
            verifyPerRequestMicroseconds = Math.Round(verify * fetchesPerRequest, 2),
            tokenValidationMicroseconds = validate,
            rememberedTokenMicroseconds = lookupToken,
        };
        Console.WriteLine(JsonSerializer.Serialize(result, Indented));
        return 0;
    }

    private static double Measure<T>(int iterations, Func<int, T> work)
    {
        for (var i = 0; i < Math.Min(iterations, 1000); i++)
        {
            _ = work(i);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            _ = work(i);
        }

        return Math.Round(watch.Elapsed.TotalMicroseconds / iterations, 3);
    }
}

/// <summary>
/// <c>issuer --out DIR [--role R] [--subject S] [--client C] [--hours H]</c>: an RSA key for the bench run, its public half in
/// <c>DIR/jwks.json</c> for the gateway (<c>Gateway:Authentication:JwksPath</c>), and one token printed on stdout.
/// </summary>
public static class BenchIssuer
{
    public const string Issuer = "https://issuer.bench.invalid";
    public const string Audience = "uce-graph";

    public static int Run(BenchArguments arguments)
    {
        var directory = Directory.CreateDirectory(arguments.Required("out")).FullName;
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "bench-" + Guid.NewGuid().ToString("N")[..8] };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        File.WriteAllText(Path.Combine(directory, "jwks.json"), JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, use = jwk.Use, alg = jwk.Alg, kid = jwk.Kid, n = jwk.N, e = jwk.E } } }));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddHours(arguments.Int("hours", 4)),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = arguments.Optional("subject") ?? "bench-agent",
                ["role"] = arguments.Optional("role") ?? "agent",
                ["client_id"] = arguments.Optional("client") ?? "bench",
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        Console.WriteLine(token);
        return 0;
    }
}
