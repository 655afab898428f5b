using System.Runtime.CompilerServices;
using UCE.Gateway.Engine;
using UCE.Gateway.Persisted;
using UCE.Gateway.Supergraph;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Gateway.Transport;

public sealed partial class GatewayWebSocketEndpoint
{
    /// <summary>
    /// One <c>subscribe</c> of a WebSocket session, from its checks to its end. Once the engine has it running, this object is
    /// all that is left of the start: it receives the responses on the engine's thread (for a shared subscription, the
    /// relay's, in one pass over every subscriber) and turns each into a message of the connection's send queue; it holds
    /// the supergraph lease and the open-subscription count until the end. Nothing waits while the subscription is idle,
    /// and neither the request's JSON nor its document is kept.
    /// </summary>
    private sealed class SubscriptionRun : ISubscriptionReceiver
    {
        private readonly Session _session;
        private readonly IGraphQLWebSocketResults _results;
        private IDisposable? _open;
        private SupergraphLease? _lease;
        // Kept until the first response only when it has something to record then (a trusted document's usage, a document
        // to register), and without the request's JSON.
        private StrongBox<PersistedResolution>? _resolution;
        private int _first = 1;
        private int _finished;

        private SubscriptionRun(Session session, IGraphQLWebSocketResults results)
        {
            _session = session;
            _results = results;
        }

        /// <summary>Starts the operation; its end goes to <paramref name="results"/> (<see cref="IGraphQLWebSocketResults.End"/>).</summary>
        public static void Begin(Session session, GraphQLHttpRequest operation, IGraphQLWebSocketResults results, CancellationToken stopping) =>
            _ = new SubscriptionRun(session, results).StartAsync(operation, stopping);

        private async Task StartAsync(GraphQLHttpRequest operation, CancellationToken stopping)
        {
            var endpoint = _session.Endpoint;
            if (!_session.TryBeginOperation())
            {
                _results.Error(ErrorJson("TOO_MANY_OPERATIONS", $"A connection runs at most {endpoint._options.Subscriptions.MaxOperationsPerConnection} operations at once."));
                _results.End(null);
                return;
            }

            _open = endpoint._http.Metrics.SubscriptionOpened("websocket");
            try
            {
                if (await _session.RateLimitedAsync(stopping).ConfigureAwait(false) is { } limited)
                {
                    Refuse(limited);
                    return;
                }

                _lease = endpoint._active.Acquire();
                if (_lease is null)
                {
                    Refuse(ErrorJson("SUPERGRAPH_NOT_LOADED", "The gateway has no supergraph loaded yet."));
                    return;
                }

                var resolution = await endpoint._persisted.ResolveAsync(operation, _session.Client, stopping).ConfigureAwait(false);
                if (resolution.Refusal is { } refusal)
                {
                    Refuse(ErrorsJson(refusal.Errors));
                    return;
                }

                var request = GraphQLHttpEndpoint.ToGatewayRequest(resolution.Operation!, _session.Caller, allowMutations: true, resolution.DocumentKey);
                if (resolution.Trusted is not null || resolution.RegisterSha256 is not null)
                {
                    // Only a document to register (automatic persisted queries) needs its text after the start.
                    _resolution = new(resolution with
                    {
                        Operation = resolution.RegisterSha256 is null ? null : new GraphQLHttpRequest(resolution.Operation!.Query, null, null, null),
                    });
                }

                await _lease.Engine.StartAsync(request, this, stopping).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The connection tells a cancellation of a stopped operation from a failure.
                Finish(ex);
            }
        }

        public void Receive(GatewayResponse response)
        {
            // After an error the connection has stopped the operation and sends nothing more of it.
            if (Interlocked.Exchange(ref _first, 0) == 1)
            {
                // Only the first response gets here, and it is handed over after the start set the resolution.
                if (_resolution is { } resolution)
                {
                    _resolution = null;
                    _ = _session.Endpoint._persisted.CompleteAsync(resolution.Value, _session.Client, response).AsTask();
                }

                if (response.IsRequestError)
                {
                    // Refused before it ran (parse, validation, variables, limits): the protocol's error message.
                    _results.Error(ErrorsJson(response.Errors));
                    return;
                }
            }

            _results.Next(response.ToUtf8Json());
        }

        public void End(Exception? failure) => Finish(failure);

        private void Refuse(byte[] errors)
        {
            _results.Error(errors);
            Finish(null);
        }

        private void Finish(Exception? failure)
        {
            if (Interlocked.Exchange(ref _finished, 1) == 1)
            {
                return;
            }

            _lease?.Dispose();
            _open?.Dispose();
            _session.EndOperation();
            _results.End(failure);
        }
    }
}
