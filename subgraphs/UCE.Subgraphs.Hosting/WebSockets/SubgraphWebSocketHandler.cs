using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Http;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.Subscriptions;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// A subgraph's side of a WebSocket: <c>connection_init</c> must carry the gateway's identity signed over this connection's
/// nonce (<see cref="WebSocketIdentity"/>), and each <c>subscribe</c> runs as a GraphQL.NET operation with that identity.
/// </summary>
internal sealed class SubgraphWebSocketHandler(
    string nonce,
    StreamingOperationExecuter executer,
    SubscriptionDocumentCache documents,
    IdentityVerifier verifier,
    IGraphQLTextSerializer serializer,
    ClaimsPrincipal? user) : IGraphQLWebSocketHandler
{
    private readonly GraphQLRequestReader requestReader = new(serializer);

    public ValueTask<WebSocketInitialisation> InitialiseAsync(JsonElement? payload, CancellationToken cancellationToken)
    {
        var caller = WebSocketIdentity.Verify(payload, nonce, verifier, out var problem);
        return ValueTask.FromResult(caller is null ? WebSocketInitialisation.Refused(problem) : new WebSocketInitialisation(new Session(this, caller), null));
    }

    private Task<ExecutionResult> ExecuteAsync(GraphQLHttpRequest request, CallerIdentity caller, CancellationToken cancellationToken) =>
        executer.ExecuteAsync(request, caller, user, cancellationToken, documents.Get(request.Query));

    private byte[] Serialize(object value) => Encoding.UTF8.GetBytes(serializer.Serialize(value));

    private sealed class Session(SubgraphWebSocketHandler handler, CallerIdentity caller) : IGraphQLWebSocketSession
    {
        public WebSocketOperationStart Prepare(JsonElement payload)
        {
            var read = handler.requestReader.ReadRequest(payload);
            if (read is GraphQLHttpProblem problem)
            {
                return WebSocketOperationStart.Refused(problem.Message);
            }

            var request = (GraphQLHttpRequest)read;
            return new WebSocketOperationStart((results, stopping) => RunAsync(request, results, stopping), null);
        }

        private async Task RunAsync(GraphQLHttpRequest request, IGraphQLWebSocketResults results, CancellationToken stopping)
        {
            var result = await handler.ExecuteAsync(request, caller, stopping).ConfigureAwait(false);
            if (result.Streams is { Count: > 0 } streams)
            {
                var observer = new StreamObserver(handler, results);
                using (streams.Values.First().Subscribe(observer))
                using (stopping.Register(static state => ((StreamObserver)state!).Stop(), observer))
                {
                    await observer.Ended.ConfigureAwait(false);
                }

                return;
            }

            // A subscription that did not start (refused, or its source failed) answers like a request error.
            if (!result.Executed || result.Operation?.Operation == OperationType.Subscription)
            {
                results.Error(handler.Serialize((result.Errors ?? []).ToArray()));
                return;
            }

            results.Next(handler.Serialize(result));
        }
    }

    /// <summary>Hands a result stream's events on; <see cref="Ended"/> completes with the stream (or when stopped).</summary>
    private sealed class StreamObserver(SubgraphWebSocketHandler handler, IGraphQLWebSocketResults results) : IObserver<ExecutionResult>
    {
        private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ended => ended.Task;

        public void OnNext(ExecutionResult value)
        {
            if (!ended.Task.IsCompleted)
            {
                results.Next(handler.Serialize(value));
            }
        }

        public void OnError(Exception error)
        {
            if (ended.TrySetResult())
            {
                results.Error(handler.Serialize(new[] { error as ExecutionError ?? new ExecutionError("Internal server error.") { Code = ErrorCodes.InternalServerError } }));
            }
        }

        public void OnCompleted() => ended.TrySetResult();

        public void Stop() => ended.TrySetResult();
    }
}
