using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>
/// The subgraphs' own metrics (meter <see cref="MeterName"/>), exported for Prometheus at <c>/metrics</c>: how far each
/// outbox is behind (rows waiting, the oldest one's age, events published) and how far each consumer group is behind
/// its stream (entries not delivered yet, delivered and not acknowledged, handled, failed, dead-lettered). Gauges are
/// read from values kept here, so a scrape queries neither the database nor Redis: the outbox relay measures its
/// outbox after its passes, and <see cref="StreamLagMonitor"/> asks the stream about every watched group.
/// </summary>
public sealed class SubgraphMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "UCE.Subgraphs";

    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, OutboxBacklog> outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Stream, string Group), StreamGroupMetrics> groups = new();
    private readonly Counter<long> published;
    private readonly Counter<long> processed;
    private readonly Counter<long> failed;
    private readonly Counter<long> deadLettered;

    public SubgraphMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("uce.subgraph.outbox.pending", ObserveOutboxPending, "{message}",
            "Outbox rows not published yet, by subgraph (measured by the relay after its passes).");
        meter.CreateObservableGauge("uce.subgraph.outbox.oldest_age", ObserveOutboxOldestAge, "s",
            "Age of the oldest outbox row not published yet (0 when none waits), by subgraph.");
        published = meter.CreateCounter<long>("uce.subgraph.outbox.published", "{event}", "Outbox rows published to their stream, by subgraph and stream.");
        meter.CreateObservableGauge("uce.subgraph.stream.lag", ObserveUndelivered, "{entry}",
            "Stream entries not delivered to the consumer group yet (XINFO GROUPS lag), by stream and group.");
        meter.CreateObservableGauge("uce.subgraph.stream.pending", ObservePending, "{entry}",
            "Stream entries delivered to the consumer group and not acknowledged yet, by stream and group.");
        processed = meter.CreateCounter<long>("uce.subgraph.stream.processed", "{entry}", "Stream entries applied (or found applied before) and acknowledged, by stream and group.");
        failed = meter.CreateCounter<long>("uce.subgraph.stream.failed", "{entry}", "Deliveries whose handler failed or asked for a retry; the entry stays pending, by stream and group.");
        deadLettered = meter.CreateCounter<long>("uce.subgraph.stream.dead_lettered", "{entry}", "Stream entries rejected to the dead-letter stream, by stream and group.");
        meter.CreateObservableGauge("uce.subgraph.stream.last_processed_age", ObserveLastProcessedAge, "s",
            "Now minus the time in the id of the entry the group last acknowledged in this instance, by stream and group.");
    }

    /// <summary>Keeps what the relay measured of <paramref name="subgraph"/>'s outbox: rows waiting and when the oldest was written.</summary>
    public void OutboxMeasured(string subgraph, long pending, DateTime? oldestCreatedAt) =>
        outboxes[subgraph] = new OutboxBacklog(pending, pending == 0 ? null : oldestCreatedAt);

    /// <summary>Counts <paramref name="count"/> rows of <paramref name="subgraph"/>'s outbox published to <paramref name="stream"/>.</summary>
    public void OutboxPublished(string subgraph, string stream, long count) =>
        published.Add(count, new TagList { { "subgraph", subgraph }, { "stream", stream } });

    /// <summary>
    /// Watches <paramref name="group"/> on <paramref name="stream"/> of <paramref name="source"/>: its lag is read at every
    /// <see cref="RefreshStreamsAsync"/>, and the result counts what a consumer of it handles.
    /// </summary>
    public StreamGroupMetrics WatchStream(IEventStream source, string stream, string group) =>
        groups.GetOrAdd((stream, group), key => new StreamGroupMetrics(this, source, key.Stream, key.Group));

    /// <summary>Reads the lag and pending count of every watched group; a group that cannot be read has no value until it can.</summary>
    public async Task RefreshStreamsAsync(CancellationToken cancellationToken)
    {
        foreach (var watched in groups.Values)
        {
            try
            {
                watched.Status = await watched.Source.GroupStatusAsync(watched.Stream, watched.Group, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Redis unreachable: no value rather than a stale one, so the gap shows on the dashboard.
                watched.Status = null;
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveOutboxPending() =>
        outboxes.Select(outbox => new Measurement<long>(outbox.Value.Pending, new KeyValuePair<string, object?>("subgraph", outbox.Key)));

    private IEnumerable<Measurement<double>> ObserveOutboxOldestAge()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return outboxes.Select(outbox => new Measurement<double>(
            outbox.Value.OldestCreatedAt is { } oldest ? Math.Max(0, (now - DateTime.SpecifyKind(oldest, DateTimeKind.Utc)).TotalSeconds) : 0,
            new KeyValuePair<string, object?>("subgraph", outbox.Key)));
    }

    private IEnumerable<Measurement<long>> ObserveUndelivered() =>
        groups.Values.Where(watched => watched.Status?.Undelivered is not null)
            .Select(watched => new Measurement<long>(watched.Status!.Undelivered!.Value, watched.Tags));

    private IEnumerable<Measurement<long>> ObservePending() =>
        groups.Values.Where(watched => watched.Status is not null)
            .Select(watched => new Measurement<long>(watched.Status!.Pending, watched.Tags));

    private IEnumerable<Measurement<double>> ObserveLastProcessedAge()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return groups.Values.Where(watched => watched.LastProcessedMilliseconds is not null)
            .Select(watched => new Measurement<double>(Math.Max(0, now - watched.LastProcessedMilliseconds!.Value) / 1000.0, watched.Tags));
    }

    private sealed record OutboxBacklog(long Pending, DateTime? OldestCreatedAt);

    /// <summary>The metrics of one consumer group on one stream; its consumers report what they handled through it.</summary>
    public sealed class StreamGroupMetrics
    {
        private readonly SubgraphMetrics owner;
        private long lastProcessed = -1;

        internal StreamGroupMetrics(SubgraphMetrics owner, IEventStream source, string stream, string group)
        {
            this.owner = owner;
            Source = source;
            Stream = stream;
            Group = group;
            Tags = [new("stream", stream), new("group", group)];
        }

        internal IEventStream Source { get; }

        internal string Stream { get; }

        internal string Group { get; }

        internal KeyValuePair<string, object?>[] Tags { get; }

        internal StreamGroupStatus? Status
        {
            get => Volatile.Read(ref field);
            set => Volatile.Write(ref field, value);
        }

        internal long? LastProcessedMilliseconds => Interlocked.Read(ref lastProcessed) is var value and >= 0 ? value : null;

        /// <summary>An entry was applied (or had been) and acknowledged.</summary>
        public void Processed(string entryId)
        {
            owner.processed.Add(1, Tags);
            Acknowledged(entryId);
        }

        /// <summary>A delivery failed or asked for a retry; the entry stays pending.</summary>
        public void Failed() => owner.failed.Add(1, Tags);

        /// <summary>An entry was dead-lettered and acknowledged.</summary>
        public void DeadLettered(string entryId)
        {
            owner.deadLettered.Add(1, Tags);
            Acknowledged(entryId);
        }

        // A stream id starts with the milliseconds of its addition (<c>1733050000000-0</c>).
        private void Acknowledged(string entryId)
        {
            var dash = entryId.IndexOf('-', StringComparison.Ordinal);
            if (long.TryParse(dash < 0 ? entryId : entryId[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                Interlocked.Exchange(ref lastProcessed, milliseconds);
            }
        }
    }
}
