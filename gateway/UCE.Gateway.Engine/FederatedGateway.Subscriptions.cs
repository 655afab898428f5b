using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Subscriptions;

namespace UCE.Gateway.Engine;

public sealed partial class FederatedGateway
{
    private readonly object _sharedGate = new();
    private readonly Dictionary<string, SharedSubscription> _shared = new(StringComparer.Ordinal);

    /// <summary>Running shared subscriptions (upstream subscriptions this engine holds open) and their subscribers.</summary>
    public (int Shared, int Subscribers) SubscriptionStatistics
    {
        get
        {
            lock (_sharedGate)
            {
                return (_shared.Count, _shared.Values.Sum(shared => shared.SubscriberCount));
            }
        }
    }

    /// <summary>
    /// Runs a subscription: its root field is fetched as a subscription from the one subgraph that owns it, and each event
    /// runs the rest of the plan (entity fetches to other subgraphs) and is shaped like a query's response. Clients that
    /// subscribe with the same document, operation, variables and identity share one upstream subscription, and each event
    /// is planned, fetched and shaped once for all of them. Anything but a subscription yields its one response. A reader
    /// that lets <see cref="GatewayOptions.SubscriberQueueLimit"/> events wait is dropped with <c>SUBSCRIPTION_SLOW_CONSUMER</c>.
    /// </summary>
    public async IAsyncEnumerable<GatewayResponse> SubscribeAsync(GatewayRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = await StartSubscriptionAsync(request, cancellationToken).ConfigureAwait(false);
        if (start.Single is { } single)
        {
            yield return single;
            yield break;
        }

        var subscriber = Join(request, start, receive: null);
        try
        {
            await foreach (var response in subscriber.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return response;
            }
        }
        finally
        {
            subscriber.Leave();
        }
    }

    /// <summary>
    /// Runs a request as <see cref="SubscribeAsync(GatewayRequest, CancellationToken)"/> does, handing each event to
    /// <paramref name="receive"/> on the relay's thread as soon as it is shaped (see <see cref="StartAsync"/>); returns when
    /// the stream has ended or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task RunAsync(GatewayRequest request, Action<GatewayResponse> receive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var receiver = new SharedSubscription.ActionReceiver(receive);
        await StartAsync(request, receiver, cancellationToken).ConfigureAwait(false);
        await receiver.Ended.ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a request as <see cref="SubscribeAsync(GatewayRequest, CancellationToken)"/> does, handing each event to
    /// <paramref name="receiver"/> on the relay's thread as soon as it is shaped: no queue and no task switch per subscriber
    /// in the engine, so one event reaches thousands of subscribers' transports in one pass. The transport bounds what waits
    /// for a slow reader (a WebSocket's send queue). Returns once the subscriber has joined: an idle subscriber holds its
    /// place in the shared subscription and a registration on <paramref name="cancellationToken"/>, and no waiting task.
    /// </summary>
    public async Task StartAsync(GatewayRequest request, ISubscriptionReceiver receiver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var start = await StartSubscriptionAsync(request, cancellationToken).ConfigureAwait(false);
        if (start.Single is { } single)
        {
            receiver.Receive(single);
            receiver.End(null);
            return;
        }

        Join(request, start, receiver).LeaveWhen(cancellationToken);
    }

    /// <summary>Checks and plans a subscription: the one response to give when it is refused or is not a subscription, else what to join.</summary>
    private async Task<SubscriptionStart> StartSubscriptionAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (ReadyOperation? ready, GatewayResponse? refusal) = (null, null);
        try
        {
            (ready, refusal) = await ReadyAsync(request, allowSubscription: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            refusal = new GatewayResponse { Errors = [ResponseErrors.Create($"The gateway failed to execute the operation: {ex.Message}", ErrorCodes.InternalServerError)] };
        }

        if (ready is null)
        {
            return new SubscriptionStart(refusal!);
        }

        if (ready.Operation.Operation != OperationType.Subscription)
        {
            return new SubscriptionStart(await ExecuteAsync(request, cancellationToken).ConfigureAwait(false));
        }

        if (SplitSubscriptionPlan(ready.Plan.Root) is not var (source, rest))
        {
            return new SubscriptionStart(GatewayResponse.RequestError(
                "The subscription's selection cannot be served: its root field is not fetched from exactly one subgraph.",
                ErrorCodes.SubscriptionFieldsUnsupported));
        }

        if (!_subgraphUrls.TryGetValue(source.Subgraph, out var url))
        {
            return new SubscriptionStart(GatewayResponse.RequestError($"No URL is known for subgraph '{source.Subgraph}'.", ErrorCodes.SubgraphRequestFailed));
        }

        return new SubscriptionStart(null, ready, source, rest, url);
    }

    /// <summary>A place in the shared subscription for this request, started here when there is none.</summary>
    private SharedSubscription.Subscriber Join(GatewayRequest request, SubscriptionStart start, ISubscriptionReceiver? receive)
    {
        var (ready, source, rest, url) = (start.Ready!, start.Source!, start.Rest, start.Url!);
        var key = SharingKey(request, ready, source.Subgraph);
        SharedSubscription shared;
        SharedSubscription.Subscriber subscriber;
        lock (_sharedGate)
        {
            if (_shared.TryGetValue(key, out var running) && running.TryJoin(receive) is { } joined)
            {
                return joined;
            }

            shared = new SharedSubscription(_options.SubscriberQueueLimit);
            subscriber = shared.TryJoin(receive)!;
            _shared[key] = shared;
        }

        var upstream = new SubgraphRequest(source.Subgraph, url, PlanExecutor.WriteRootBody(source, ready.Variables), request.ForwardedHeaders, IsMutation: false);
        _ = RelayAsync(key, shared, upstream, request, ready, source, rest);
        return subscriber;
    }

    /// <summary>
    /// Reads the upstream subscription until it ends or its last subscriber leaves; each event runs the rest of the plan once
    /// and goes to every subscriber. When the upstream fails or refuses, every subscriber gets one last response with the
    /// errors, then its stream ends.
    /// </summary>
    private async Task RelayAsync(string key, SharedSubscription shared, SubgraphRequest upstream, GatewayRequest request, ReadyOperation ready, FetchNode source, PlanNode? rest)
    {
        await Task.Yield();
        GatewayResponse? last = null;
        try
        {
            await foreach (var result in _subscriptions.SubscribeAsync(upstream, shared.Stopping).ConfigureAwait(false))
            {
                var execution = NewEventExecution(request, ready, shared.Stopping);
                _executor.MergeRootResult(source, result.Span, execution);
                if (rest is not null)
                {
                    await _executor.ExecuteAsync(rest, execution).ConfigureAwait(false);
                }

                shared.Publish(Complete(request, ready, _schema.SubscriptionType!, execution), FellBehind);
            }
        }
        catch (OperationCanceledException) when (shared.Stopping.IsCancellationRequested)
        {
            // The last subscriber left.
        }
        catch (Exception ex)
        {
            var execution = NewEventExecution(request, ready, CancellationToken.None);
            if (ex is SubgraphSubscriptionException { Errors: { } errors })
            {
                // The subgraph's own errors (a refusal, a failed source) reach the client as if a fetch had returned them.
                _executor.MergeRootResult(source, Encoding.UTF8.GetBytes($"{{\"data\":null,\"errors\":{Encoding.UTF8.GetString(errors.Span)}}}"), execution);
            }
            else
            {
                _executor.FailRootFetch(source, execution, ErrorCodes.SubgraphRequestFailed, ex is SubgraphSubscriptionException ? ex.Message : $"The subscription to subgraph '{source.Subgraph}' failed: {ex.Message}");
            }

            last = Complete(request, ready, _schema.SubscriptionType!, execution);
        }
        finally
        {
            lock (_sharedGate)
            {
                if (_shared.TryGetValue(key, out var current) && ReferenceEquals(current, shared))
                {
                    _shared.Remove(key);
                }
            }

            shared.End(last);
            shared.Dispose();
        }
    }

    private PlanExecution NewEventExecution(GatewayRequest request, ReadyOperation ready, CancellationToken cancellationToken)
    {
        var execution = new PlanExecution(ready.Operation.Name?.StringValue, ready.Variables, request.ForwardedHeaders, isMutation: false, cancellationToken);
        if (ready.Authorization.RemovesAnything)
        {
            execution.Errors.AddRange(UnauthorizedErrors(ready.Authorization));
        }

        return execution;
    }

    private GatewayResponse FellBehind() => new()
    {
        Errors =
        [
            ResponseErrors.Create(
                $"The subscriber did not read its events: {_options.SubscriberQueueLimit} were waiting, so its subscription was ended.",
                ErrorCodes.SubscriptionSlowConsumer),
        ],
    };

    /// <summary>
    /// What makes two subscriptions the same: the subgraph, the forwarded headers (the identity the subgraph authorizes), the
    /// document, the operation, the coerced variables and what the response carries besides data.
    /// </summary>
    private static string SharingKey(GatewayRequest request, ReadyOperation ready, string subgraph)
    {
        var key = new StringBuilder(subgraph).Append('\n');
        if (request.ForwardedHeaders is not null)
        {
            foreach (var (name, value) in request.ForwardedHeaders.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase))
            {
                key.Append(name.ToLowerInvariant()).Append(':').Append(value).Append('\n');
            }
        }

        return key.Append(request.IncludeQueryPlan ? "plan\n" : "\n")
            .Append(ready.Operation.Name?.StringValue).Append('\n')
            .Append(ready.Variables.ToJsonString()).Append('\n')
            .Append(request.Query)
            .ToString();
    }

    /// <summary>
    /// The fetch that opens the subscription (a root fetch, always first) and the fetches that follow it for every event;
    /// <c>null</c> for a plan of any other shape.
    /// </summary>
    private static (FetchNode Source, PlanNode? Remaining)? SplitSubscriptionPlan(PlanNode? root) => root switch
    {
        FetchNode { IsEntityFetch: false } fetch => (fetch, null),
        SequenceNode { Nodes: [FetchNode { IsEntityFetch: false } fetch, ..] } sequence => (fetch, Remaining(sequence.Nodes)),
        _ => null,
    };

    private static PlanNode? Remaining(IReadOnlyList<PlanNode> nodes) => nodes.Count switch
    {
        1 => null,
        2 => nodes[1],
        _ => new SequenceNode([.. nodes.Skip(1)]),
    };

    /// <summary>A subscription ready to join (the fetch that opens it, what follows each event, the subgraph's URL), or the one response to give instead.</summary>
    private sealed record SubscriptionStart(GatewayResponse? Single, ReadyOperation? Ready = null, FetchNode? Source = null, PlanNode? Rest = null, Uri? Url = null);

    /// <summary>An operation that passed every check before execution, with its plan.</summary>
    private sealed record ReadyOperation(
        PreparedDocument Prepared,
        GraphQLOperationDefinition Operation,
        Inputs Inputs,
        JsonObject Variables,
        List<GraphQLField> IntrospectionFields,
        AuthorizationOutcome Authorization,
        QueryPlan Plan)
    {
        /// <summary>A query that selects nothing protected by the supergraph's access rules, and no introspection.</summary>
        public bool IsPublic { get; init; }
    }
}
