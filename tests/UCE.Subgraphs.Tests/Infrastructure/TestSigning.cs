using System.Text;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>The signing key the test hosts trust, and the gateway's signature for a test request.</summary>
public static class TestSigning
{
    /// <summary>A fixed test key (never used outside tests).</summary>
    public static IdentitySigningKey Key { get; } = new("test", Encoding.UTF8.GetBytes("uce-graph-test-signing-key-000000"));

    /// <summary>The <c>Identity:SigningKeys</c> value of a test host.</summary>
    public static string Configuration { get; } = IdentitySigningKey.Format([Key]);

    /// <summary>The signature header value for <paramref name="headers"/> and <paramref name="payload"/> (body, or GET query string), signed now or at <paramref name="at"/>.</summary>
    public static string Sign(IReadOnlyDictionary<string, string>? headers, string payload, DateTimeOffset? at = null, IdentitySigningKey? key = null) =>
        IdentitySignature.Create(
            name => headers is not null && headers.TryGetValue(name, out var value) ? value : null,
            Encoding.UTF8.GetBytes(payload),
            at ?? DateTimeOffset.UtcNow,
            key ?? Key);
}
