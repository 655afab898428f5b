using System.Text;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Tests.Support;

/// <summary>The identity signing key the test gateways and test subgraphs share.</summary>
public static class TestSigning
{
    /// <summary>A fixed test key (never used outside tests).</summary>
    public static IdentitySigningKey Key { get; } = new("test", Encoding.UTF8.GetBytes("uce-graph-gateway-test-signing-key"));

    /// <summary>The <c>Identity:SigningKeys</c> value of test gateways and subgraphs.</summary>
    public static string Configuration { get; } = IdentitySigningKey.Format([Key]);

    /// <summary>Signs <paramref name="request"/> (its identity headers and <paramref name="body"/>) as the gateway would now.</summary>
    public static void Sign(HttpRequestMessage request, string body)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation(IdentityHeaders.Signature, IdentitySignature.Create(
            name => request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null,
            Encoding.UTF8.GetBytes(body),
            DateTimeOffset.UtcNow,
            Key));
    }
}
