using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Http;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.Subscriptions;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// <c>/graphql</c> upgraded to a WebSocket with the <c>graphql-transport-ws</c> subprotocol. The upgrade answers with the
/// connection's nonce (<see cref="WebSocketIdentity.NonceHeader"/>) that the gateway signs into <c>connection_init</c>.
/// </summary>
internal sealed class GraphQLWebSocketEndpoint(
    SubscriptionSettings settings,
    StreamingOperationExecuter executer,
    IdentityVerifier verifier,
    IGraphQLTextSerializer serializer,
    ILogger<GraphQLWebSocketConnection> logger)
{
    private readonly SubscriptionDocumentCache documents = new();

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketMessageTypes.SubProtocol, StringComparer.Ordinal))
        {
            await GraphQLHttpEndpoint.WriteProblemAsync(http, serializer, GraphQLHttpEndpoint.JsonMediaType, new GraphQLHttpProblem(
                StatusCodes.Status400BadRequest, ErrorCodes.BadRequest,
                $"A WebSocket on /graphql speaks the '{GraphQLWebSocketMessageTypes.SubProtocol}' subprotocol; ask for it in Sec-WebSocket-Protocol.")).ConfigureAwait(false);
            return;
        }

        var nonce = WebSocketIdentity.NewNonce();
        http.Response.Headers[WebSocketIdentity.NonceHeader] = nonce;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(GraphQLWebSocketMessageTypes.SubProtocol).ConfigureAwait(false);
        var handler = new SubgraphWebSocketHandler(nonce, executer, documents, verifier, serializer, http.User);
        using var connection = new GraphQLWebSocketConnection(socket, handler, settings, logger);
        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        await connection.RunAsync(http.RequestAborted, stopping).ConfigureAwait(false);
    }
}
