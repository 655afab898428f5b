using System.Diagnostics;
using System.Diagnostics.Metrics;
using UCE.Gateway.Engine;
using UCE.Gateway.Supergraph;

namespace UCE.Gateway.Diagnostics;

/// <summary>
/// The gateway's own metrics (meter <see cref="MeterName"/>), exported for Prometheus at <c>/metrics</c>: operations by
/// name and client with their duration, errors by code, subscriptions open, the plan and document caches, and the
/// supergraph served (its hash as a label). Subgraph fetches are measured where they are made
/// (<see cref="Resilience.SubgraphCircuits"/>).
/// </summary>
public sealed class GatewayMetrics
{
    /// <summary>The meter's name (shared with the trusted-document metrics).</summary>
    public const string MeterName = "UCE.Gateway";

    /// <summary>Operation names longer than this are cut: a label value stays small whatever a client sends.</summary>
    private const int MaxOperationNameLength = 64;

    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly UpDownCounter<long> _subscriptions;

    public GatewayMetrics(IMeterFactory meterFactory, ActiveSupergraph active)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(active);
        var meter = meterFactory.Create(MeterName);
        _operations = meter.CreateCounter<long>("uce.gateway.operations", "{operation}", "GraphQL operations executed, by operation name and client.");
        _duration = meter.CreateHistogram(
            "uce.gateway.operation.duration", "s", "How long operations took in the gateway, from the request read to the response built.",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _errors = meter.CreateCounter<long>("uce.gateway.errors", "{error}", "Errors in responses, by extensions.code (transport refusals included).");
        _subscriptions = meter.CreateUpDownCounter<long>("uce.gateway.subscriptions.active", "{subscription}", "Subscriptions open, by transport.");
        meter.CreateObservableCounter("uce.gateway.plan_cache.hits", () => CacheOf(active, plans: true).Hits, "{lookup}", "Query plan cache hits of the served supergraph's engine (restart at a reload).");
        meter.CreateObservableCounter("uce.gateway.plan_cache.misses", () => CacheOf(active, plans: true).Misses, "{lookup}", "Query plan cache misses (plans made).");
        meter.CreateObservableCounter("uce.gateway.document_cache.hits", () => CacheOf(active, plans: false).Hits, "{lookup}", "Parsed and validated document cache hits.");
        meter.CreateObservableCounter("uce.gateway.document_cache.misses", () => CacheOf(active, plans: false).Misses, "{lookup}", "Documents parsed and validated.");
        meter.CreateObservableGauge("uce.gateway.supergraph.info", () => active.Current is { } current
            ? [new Measurement<int>(1, new KeyValuePair<string, object?>("supergraph.hash", current.ContentHash))]
            : Array.Empty<Measurement<int>>(), description: "1, labelled with the hash of the supergraph served; absent before one is loaded.");
        meter.CreateObservableCounter("uce.gateway.supergraph.loads", () => (long)active.Generation, "{load}", "Supergraphs loaded since start (the first included).");
    }

    /// <summary>Counts one executed operation and its errors.</summary>
    public void RecordOperation(string? operationName, string? client, GatewayResponse response, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(response);
        RecordOperation(operationName, client, response.Errors, duration);
    }

    /// <summary>
    /// Counts one executed operation with <paramref name="errors"/>: those of every part of an incremental (<c>@defer</c>)
    /// response, whose <paramref name="duration"/> runs to its last part.
    /// </summary>
    public void RecordOperation(string? operationName, string? client, IEnumerable<System.Text.Json.Nodes.JsonObject> errors, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var tags = new TagList
        {
            { "graphql.operation.name", Bounded(operationName) },
            { "uce.client", string.IsNullOrEmpty(client) ? "unknown" : client },
        };
        _operations.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
        foreach (var error in errors)
        {
            RecordError(error["extensions"]?["code"]?.GetValue<string>());
        }
    }

    /// <summary>Counts one error by its code.</summary>
    public void RecordError(string? code) => _errors.Add(1, new KeyValuePair<string, object?>("error.code", code ?? "UNKNOWN"));

    /// <summary>A subscription opened on <paramref name="transport"/> (<c>websocket</c>, <c>sse</c>); dispose the result when it ends.</summary>
    public IDisposable SubscriptionOpened(string transport)
    {
        var tag = new KeyValuePair<string, object?>("transport", transport);
        _subscriptions.Add(1, tag);
        return new Closing(_subscriptions, tag);
    }

    private static string Bounded(string? name) => string.IsNullOrEmpty(name) ? "(anonymous)"
        : name.Length <= MaxOperationNameLength ? name
        : name[..MaxOperationNameLength];

    private static (long Hits, long Misses) CacheOf(ActiveSupergraph active, bool plans) => active.Current?.Engine is FederatedGateway engine
        ? (plans ? engine.PlanCacheStatistics : engine.DocumentCacheStatistics)
        : (0, 0);

    private sealed class Closing(UpDownCounter<long> counter, KeyValuePair<string, object?> tag) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                counter.Add(-1, tag);
            }
        }
    }
}
