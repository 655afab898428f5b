using System.Net.Http.Headers;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Adds headers that depend on the exact bytes sent to a subgraph (the host signs the caller's identity over the body);
/// called for every request the default transport sends, after in-flight deduplication.
/// </summary>
public interface ISubgraphRequestSigner
{
    /// <param name="request">The request, with its body and forwarded headers.</param>
    /// <param name="headers">The outgoing message's headers, the forwarded ones already added.</param>
    void Sign(SubgraphRequest request, HttpRequestHeaders headers);

    /// <summary>
    /// The headers a subgraph WebSocket's <c>connection_init</c> carries in <c>payload.headers</c>: <paramref name="headers"/>
    /// (the identity) and a signature over the connection's <paramref name="nonce"/> (sent by the subgraph on the upgrade).
    /// </summary>
    IReadOnlyDictionary<string, string> SignConnection(IReadOnlyDictionary<string, string>? headers, string nonce);
}
