using System.Net.Http.Headers;
using UCE.Gateway.Engine.Execution;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Gateway.Security;

/// <summary>
/// Signs every subgraph request's identity headers and body with the first key of <c>Identity:SigningKeys</c>, so that a
/// subgraph can tell the gateway's requests from anyone else's (<see cref="IdentitySignature"/>).
/// </summary>
public sealed class IdentityRequestSigner(IdentitySigningKey key, TimeProvider clock) : ISubgraphRequestSigner
{
    public void Sign(SubgraphRequest request, HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(headers);
        var forwarded = request.Headers;
        var signature = IdentitySignature.Create(
            name => forwarded is not null && forwarded.TryGetValue(name, out var value) ? value : null,
            request.Body.Span,
            clock.GetUtcNow(),
            key);
        headers.TryAddWithoutValidation(IdentityHeaders.Signature, signature);
    }

    public IReadOnlyDictionary<string, string> SignConnection(IReadOnlyDictionary<string, string>? headers, string nonce)
    {
        var signed = headers is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        signed[IdentityHeaders.Signature] = IdentitySignature.Create(
            name => headers is not null && headers.TryGetValue(name, out var value) ? value : null,
            WebSocketIdentity.SignedPayload(nonce),
            clock.GetUtcNow(),
            key);
        return signed;
    }
}
