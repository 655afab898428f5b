using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Limits;

namespace UCE.Gateway.Engine;

/// <summary>Settings of one gateway engine instance.</summary>
public sealed class GatewayOptions
{
    /// <summary>Subgraph URLs by subgraph name that replace the URLs written in the supergraph.</summary>
    public IDictionary<string, Uri> SubgraphUrlOverrides { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>How long a subgraph may take to answer before its fields become errors (default 5 s: a page waits no longer for its slowest part).</summary>
    public TimeSpan SubgraphTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-subgraph timeouts by subgraph name, overriding <see cref="SubgraphTimeout"/>.</summary>
    public IDictionary<string, TimeSpan> SubgraphTimeouts { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Answer <c>__schema</c> and <c>__type</c> (default on). <c>__typename</c> is always answered.</summary>
    public bool EnableIntrospection { get; init; } = true;

    /// <summary>Send identical query requests that are in flight at the same moment once (default on; never for mutations).</summary>
    public bool DeduplicateInFlightQueries { get; init; } = true;

    /// <summary>
    /// Where errors found while completing subgraph values go — a null in a non-null position, an enum value or scalar the
    /// API schema cannot represent: <c>extensions.valueCompletion</c> (default, as Apollo Gateway and Apollo Router do, so
    /// clients see the same <c>errors</c>) or, when false, the response's <c>errors</c>.
    /// </summary>
    public bool ValueCompletionErrorsInExtensions { get; init; } = true;

    /// <summary>Ceilings every operation must stay under before it is planned: tokens, depth, root fields, aliases, directives, cost.</summary>
    public OperationLimits Limits { get; init; } = new();

    /// <summary>Limits by caller role (<see cref="GatewayCaller.Role"/> of <see cref="GatewayRequest.Caller"/>), replacing <see cref="Limits"/> for that role.</summary>
    public IDictionary<string, OperationLimits> LimitsByRole { get; init; } = new Dictionary<string, OperationLimits>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Decides the <c>@policy</c> names the supergraph uses for a caller. The default (<see cref="RolePolicyEvaluator"/>)
    /// holds <c>role:&lt;name&gt;</c> when the caller's role is <c>&lt;name&gt;</c> and denies every other policy.
    /// </summary>
    public IPolicyEvaluator PolicyEvaluator { get; init; } = RolePolicyEvaluator.Instance;

    /// <summary>How many query plans to keep (keyed by document, operation name and the selections authorization removed).</summary>
    public int PlanCacheSize { get; init; } = 2048;

    /// <summary>How many parsed and validated documents to keep.</summary>
    public int DocumentCacheSize { get; init; } = 2048;

    /// <summary>The transport to subgraphs; an <see cref="HttpSubgraphClient"/> over <see cref="SubgraphHttpHandler"/> when <c>null</c>.</summary>
    public ISubgraphClient? SubgraphClient { get; init; }

    /// <summary>The HTTP handler of the default transport (for in-memory subgraphs in tests); pooled sockets when <c>null</c>.</summary>
    public HttpMessageHandler? SubgraphHttpHandler { get; init; }

    /// <summary>
    /// Wraps the subgraph client (the HTTP one, or <see cref="SubgraphClient"/>) before in-flight deduplication: the host's
    /// circuit breakers and retries. Unwrapped when <c>null</c>.
    /// </summary>
    public Func<ISubgraphClient, ISubgraphClient>? SubgraphClientWrapper { get; init; }

    /// <summary>Adds body-dependent headers (the identity signature) to every request of the default transport; none when <c>null</c>.</summary>
    public ISubgraphRequestSigner? SubgraphRequestSigner { get; init; }

    /// <summary>
    /// Opens subscriptions on subgraphs; a <see cref="Subscriptions.WebSocketSubgraphSubscriptionClient"/> (one WebSocket per
    /// subgraph and identity, signed by <see cref="SubgraphRequestSigner"/>) when <c>null</c>.
    /// </summary>
    public ISubgraphSubscriptionClient? SubscriptionClient { get; init; }

    /// <summary>How many events may wait for one subscriber before it is ended as fallen behind.</summary>
    public int SubscriberQueueLimit { get; init; } = 64;

    /// <summary>Told of every subgraph fetch that failed as a whole (the host logs them); none when <c>null</c>.</summary>
    public ISubgraphFetchFailureObserver? FetchFailureObserver { get; init; }

    /// <summary>The timeout that applies to <paramref name="subgraph"/>.</summary>
    public TimeSpan TimeoutOf(string subgraph) =>
        SubgraphTimeouts.TryGetValue(subgraph, out var timeout) ? timeout : SubgraphTimeout;
}
