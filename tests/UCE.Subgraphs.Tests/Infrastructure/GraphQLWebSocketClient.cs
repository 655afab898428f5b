using System.Net.WebSockets;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.WebSockets;
using UCE.Tests.Shared;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// A <c>graphql-transport-ws</c> client of a subgraph for tests: signs <c>connection_init</c> as the gateway does (identity
/// headers and a signature over the connection's nonce).
/// </summary>
public sealed class GraphQLWebSocketClient : GraphQLTransportWsClient
{
    private GraphQLWebSocketClient(ClientWebSocket socket, string nonce)
        : base(socket)
    {
        Nonce = nonce;
    }

    /// <summary>The connection's nonce from the upgrade response, which <c>connection_init</c> is signed over.</summary>
    public string Nonce { get; }

    public static async Task<GraphQLWebSocketClient> ConnectAsync(Uri baseAddress)
    {
        var socket = await ConnectSocketAsync(baseAddress, collectResponseDetails: true);
        var nonce = socket.HttpResponseHeaders?.TryGetValue(WebSocketIdentity.NonceHeader, out var values) == true ? values.Single() : string.Empty;
        return new GraphQLWebSocketClient(socket, nonce);
    }

    /// <summary>The <c>connection_init</c> payload the gateway sends for <paramref name="caller"/> on a connection with <paramref name="nonce"/>.</summary>
    public static Dictionary<string, object> InitPayload(CallerIdentity caller, string nonce, DateTimeOffset? at = null, IdentitySigningKey? key = null)
    {
        var headers = caller.ToHeaders().ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
        headers[IdentityHeaders.Signature] = IdentitySignature.Create(
            name => headers.TryGetValue(name, out var value) ? value : null,
            WebSocketIdentity.SignedPayload(nonce),
            at ?? DateTimeOffset.UtcNow,
            key ?? TestSigning.Key);
        return new Dictionary<string, object> { ["headers"] = headers };
    }

    /// <summary>Sends a signed <c>connection_init</c> and waits for <c>connection_ack</c>.</summary>
    public async Task InitAsync(CallerIdentity? caller = null)
    {
        await SendAsync(new { type = "connection_init", payload = InitPayload(caller ?? CallerIdentity.Anonymous, Nonce) });
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }
}
