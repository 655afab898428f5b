using UCE.Gateway.Resilience;
using UCE.Gateway.Authentication;
using UCE.Gateway.Ide;
using UCE.Gateway.Engine.Limits;

namespace UCE.Gateway.Configuration;

/// <summary>The gateway host's settings (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayHostOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// The supergraph SDL file. When unset, the gateway runs the embedded default: the seven UCE
    /// subgraphs in this process and the committed <c>schema/supergraph.graphql</c>.
    /// </summary>
    public string? SupergraphPath { get; set; }

    /// <summary>
    /// Where the supergraph is fetched from instead of a file (a schema registry, an object store, a ConfigMap served over
    /// HTTP): polled every <see cref="SupergraphPollInterval"/> with <c>If-None-Match</c>, so an unchanged supergraph costs a 304.
    /// </summary>
    public Uri? SupergraphUrl { get; set; }

    /// <summary>How often <see cref="SupergraphUrl"/> is asked for a new supergraph.</summary>
    public TimeSpan SupergraphPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when no supergraph file or URL is configured: the embedded default, a development host.</summary>
    public bool IsEmbeddedDefault => string.IsNullOrWhiteSpace(SupergraphPath) && SupergraphUrl is null;

    /// <summary>The address Kestrel listens on; <c>0.0.0.0</c> inside a container.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The port of <c>/graphql</c> and <c>/health</c>.</summary>
    public int Port { get; set; } = 4000;

    /// <summary>Per-subgraph settings keyed by the subgraph's name in the supergraph (<c>customers</c>, <c>billing</c> …).</summary>
    public Dictionary<string, SubgraphEndpointOptions> Subgraphs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long one subgraph request may take when its own <see cref="SubgraphEndpointOptions.Timeout"/> is unset. A few
    /// seconds: a portal page waits no longer than its slowest subgraph, and the answer comes with partial data and a
    /// <c>SUBGRAPH_TIMEOUT</c> error for the part that did not come.
    /// </summary>
    public TimeSpan DefaultSubgraphTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The HTTP server's limits and shutdown (<c>Gateway:Server</c>).</summary>
    public GatewayServerOptions Server { get; set; } = new();

    /// <summary>Circuit breakers and connection retries per subgraph (<c>Gateway:Resilience</c>).</summary>
    public SubgraphResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// At most one Warning line per subgraph per this interval for failed or timed-out subgraph fetches; the next line
    /// counts the ones left out. Zero logs every failure.
    /// </summary>
    public TimeSpan SubgraphFailureLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Request headers forwarded to every subgraph fetch. An entry ending in <c>*</c> matches a prefix. A client's
    /// <c>X-UCE-*</c> headers are never forwarded, whatever this says: the gateway writes them from the validated token.
    /// </summary>
    public List<string> ForwardedHeaders { get; set; } = ["traceparent", "tracestate"];

    /// <summary>Also forward <c>Authorization</c>; off because subgraphs trust the identity headers, not the caller's token.</summary>
    public bool ForwardAuthorization { get; set; }

    /// <summary>The most operations one batched request (a JSON array) may carry.</summary>
    public int MaxBatchSize { get; set; } = 20;

    /// <summary>
    /// Whether <c>__schema</c> and <c>__type</c> are answered for every caller. Unset: on in the embedded default, off when a
    /// supergraph file is configured. When off, an agent or supervisor with the <c>developer</c> scope is still answered.
    /// </summary>
    public bool? Introspection { get; set; }

    /// <summary>
    /// Refuse a GraphQL <c>GET</c> without a preflight header (<c>GraphQL-Preflight</c>, <c>Apollo-Require-Preflight</c>,
    /// <c>X-Apollo-Operation-Name</c>), which a page on another site cannot add without a CORS preflight.
    /// </summary>
    public bool CsrfPrevention { get; set; } = true;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether a changed supergraph file replaces the running one.</summary>
    public bool HotReload { get; set; } = true;

    /// <summary>How often the supergraph file is checked for changes in addition to file-system notifications.</summary>
    public TimeSpan HotReloadPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Changes to the default operation limits (depth 20, aliases 30, root fields 20, directives 50, tokens 15,000,
    /// cost 10,000); an unset value keeps the default, 0 lifts the ceiling.
    /// </summary>
    public OperationLimitOverrides Limits { get; set; } = new();

    /// <summary>Per-role changes on top of <see cref="Limits"/>, keyed by role (<c>agent</c>, <c>partner</c> …).</summary>
    public Dictionary<string, OperationLimitOverrides> RoleLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the <c>UCE-Query-Plan</c> request header may ask for the plan in <c>extensions</c>, for every caller. Unset: on
    /// in the embedded default, off when a supergraph file is configured; when off, an agent or supervisor with the
    /// <c>developer</c> scope may still ask.
    /// </summary>
    public bool? ExposeQueryPlans { get; set; }

    /// <summary>Bearer token validation (section <c>Gateway:Authentication</c>).</summary>
    public GatewayAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>The streaming transports (<c>Gateway:Subscriptions</c>): WebSocket and server-sent events.</summary>
    public GatewaySubscriptionOptions Subscriptions { get; set; } = new();

    /// <summary>The GraphQL IDE in the browser (<c>Gateway:Ide</c>).</summary>
    public GraphQLIdeOptions Ide { get; set; } = new();

    /// <summary>Whether the IDE is served (<see cref="GraphQLIdeOptions.Enabled"/>, by default only in the embedded default).</summary>
    public bool IdeEnabled => Ide.Enabled ?? IsEmbeddedDefault;

    /// <summary>Whether introspection is answered for every caller (<see cref="Introspection"/> or its default).</summary>
    public bool IntrospectionForEveryone => Introspection ?? IsEmbeddedDefault;

    /// <summary>Whether query plans are shown to every caller who asks (<see cref="ExposeQueryPlans"/> or its default).</summary>
    public bool QueryPlansForEveryone => ExposeQueryPlans ?? IsEmbeddedDefault;
}
