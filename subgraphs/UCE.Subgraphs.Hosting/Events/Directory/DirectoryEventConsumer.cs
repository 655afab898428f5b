using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Subgraphs.Hosting.Events.Directory;

/// <summary>
/// Reads the directory stream in the subgraph's own consumer group into its <see cref="IDirectoryProjection"/>; runs only in
/// subgraphs that register one. Entries that are not directory events are dead-lettered with the reason.
/// </summary>
public sealed class DirectoryEventConsumer(
    IEventStream stream,
    IEnumerable<IDirectoryProjection> projections,
    DirectoryStreamOptions options,
    TimeProvider clock,
    ILogger<DirectoryEventConsumer> logger,
    SubgraphMetrics? metrics = null) : BackgroundService
{
    private readonly IDirectoryProjection? projection = projections.SingleOrDefault();

    /// <summary>A consumer of the directory stream; the hosted service runs one, tests drive their own.</summary>
    public StreamConsumer Directory(StreamConsumerOptions? consumerOptions = null) =>
        new(stream, consumerOptions ?? options.ConsumerOptions(), ApplyAsync, clock, logger, metrics);

    /// <summary>Checks one entry and hands its event to the projection.</summary>
    public async Task<StreamEntryOutcome> ApplyAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (projection is null)
        {
            return StreamEntryOutcome.Duplicate;
        }

        if (DirectoryEvent.Read(entry.Field(OutboxMessage.PayloadField)) is not { } directoryEvent)
        {
            return StreamEntryOutcome.Rejected($"The entry has no directory event in its '{OutboxMessage.PayloadField}' field.");
        }

        if (directoryEvent.Problem() is { } problem)
        {
            return StreamEntryOutcome.Rejected(problem);
        }

        return await projection.ApplyAsync(directoryEvent, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (projection is null || !options.ConsumerEnabled)
        {
            return;
        }

        // Background work beside the requests: tests that count a request's SQL commands must not see it.
        using var uncounted = SqlCommandCounter.Uncounted();
        await Directory().RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
