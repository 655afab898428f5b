using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Outages.Types;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Events;

/// <summary>
/// Reads the grid event stream in the outages consumer group and applies each event through <see cref="GridEventApplier"/>;
/// malformed and inapplicable events are dead-lettered with the reason, and every event is acknowledged after its commit.
/// An event for an outage not known yet is retried (its outage may be opening in another instance) and dead-lettered
/// after its last delivery. An event whose change could not be added to the change stream is left pending too: its redelivery
/// changes nothing and adds the stored change.
/// </summary>
public sealed class GridEventConsumer(
    IEventStream stream,
    GridEventApplier applier,
    GridEventOptions options,
    TimeProvider clock,
    ILogger<GridEventConsumer> logger,
    SubgraphMetrics? metrics = null) : BackgroundService
{
    /// <summary>A consumer of the grid stream; the hosted service runs one, tests drive their own pass by pass.</summary>
    public StreamConsumer CreateConsumer(StreamConsumerOptions? consumerOptions = null) =>
        new(stream, consumerOptions ?? options.ToConsumerOptions(), HandleAsync, clock, logger, metrics);

    /// <summary>Applies one stream entry: the outcome the stream consumer acknowledges (or dead-letters) it by.</summary>
    public async Task<StreamEntryOutcome> HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!GridEventFormat.TryRead(entry.Fields, out var gridEvent, out var reason))
        {
            return StreamEntryOutcome.Rejected(reason);
        }

        var result = await applier.ApplyAsync(gridEvent!, cancellationToken).ConfigureAwait(false);
        return result.Kind switch
        {
            // Committed, but the change stream missed it: left pending, the event comes back and its redelivery adds the stored change.
            GridEventResultKind.Applied or GridEventResultKind.Duplicate when !result.Streamed =>
                StreamEntryOutcome.Retry($"The change of {gridEvent!.EventId} could not be added to the change stream."),
            GridEventResultKind.Applied => StreamEntryOutcome.Applied,
            GridEventResultKind.Duplicate => StreamEntryOutcome.Duplicate,

            // Instances share the stream, so the event that opens an outage may still be in another consumer's transaction.
            _ when result.Code == OutageErrorCodes.OutageNotFound => StreamEntryOutcome.Retry($"{result.Code}: {result.Reason}"),
            _ => StreamEntryOutcome.Rejected($"{result.Code}: {result.Reason}"),
        };
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.ConsumerEnabled ? CreateConsumer().RunAsync(stoppingToken) : Task.CompletedTask;
}
