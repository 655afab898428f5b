using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Diagnostics;

namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>
/// Publishes a subgraph's outbox rows to their streams through <see cref="IEventStream"/> and marks them sent; does nothing
/// for a subgraph whose model has no outbox. Rows are read oldest first in a transaction that holds them
/// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), so several instances share the work instead of publishing the same rows.
/// A row is marked only after it was published: a relay stopped in between publishes it again on its next pass, which
/// consumers absorb because they deduplicate by event id. With <paramref name="metrics"/>, it counts what it publishes and
/// measures its outbox (rows waiting, the oldest one's time) after a pass that emptied it, and at least every
/// <see cref="SubgraphMetricsOptions.RefreshInterval"/>.
/// </summary>
public sealed class OutboxRelay(
    SubgraphModule module,
    IServiceProvider services,
    IEventStream stream,
    OutboxSignal signal,
    OutboxOptions options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger,
    SubgraphMetrics? metrics = null,
    SubgraphMetricsOptions? metricsOptions = null) : BackgroundService
{
    // After the database or the stream failed, wait longer than an idle poll: every attempt would log.
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(2);

    /// <summary>Publishes up to one batch of waiting rows; returns how many were published.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var db = DatabaseRegistration.CreateContext(services, module);
        if (!db.HasOutbox())
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var waiting = await WaitingRows(db).ToListAsync(cancellationToken).ConfigureAwait(false);
        var published = 0;
        try
        {
            foreach (var message in waiting)
            {
                await stream.AddAsync(message.Stream, message.ToStreamFields(), cancellationToken).ConfigureAwait(false);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                published++;
            }
        }
        finally
        {
            // What went out is marked even when a later row failed, so it is not published twice.
            if (published > 0)
            {
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                foreach (var sent in waiting.Take(published).GroupBy(message => message.Stream, StringComparer.Ordinal))
                {
                    metrics?.OutboxPublished(module.Name, sent.Key, sent.Count());
                }
            }
        }

        return published;
    }

    /// <summary>
    /// Counts the rows waiting and reads when the oldest was written (both through the index of waiting rows), hands
    /// them to the metrics and returns them; null for a subgraph without an outbox.
    /// </summary>
    public async Task<(long Pending, DateTime? OldestCreatedAt)?> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var db = DatabaseRegistration.CreateContext(services, module);
        if (!db.HasOutbox())
        {
            return null;
        }

        var waiting = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null);
        var pending = await waiting.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = pending == 0
            ? null
            : await waiting.OrderBy(m => m.Id).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        metrics?.OutboxMeasured(module.Name, pending, oldest);
        return (pending, oldest);
    }

    /// <summary>Waiting rows this instance may publish: on PostgreSQL locked until commit, skipping rows another relay holds.</summary>
    private IQueryable<OutboxMessage> WaitingRows(DbContext db) =>
        db.Database.IsNpgsql()
            ? db.Set<OutboxMessage>().FromSql(
                $"SELECT * FROM outbox_messages WHERE \"SentAt\" IS NULL ORDER BY \"Id\" LIMIT {options.BatchSize} FOR UPDATE SKIP LOCKED")
            : db.Set<OutboxMessage>().Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(options.BatchSize);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RelayEnabled)
        {
            return;
        }

        // The relay's polls are not the requests' work: tests that count a request's SQL commands must not see them.
        using var uncounted = SqlCommandCounter.Uncounted();
        var measureEvery = metricsOptions?.RefreshInterval ?? TimeSpan.FromSeconds(5);
        var lastMeasured = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = options.PollInterval;
            int published;
            try
            {
                published = await RelayOnceAsync(stoppingToken).ConfigureAwait(false);
                // After a pass that emptied the outbox (it shows 0 at once), else once an interval: a backlog is counted
                // once an interval, not once a batch.
                var drained = published > 0 && published < options.BatchSize;
                if (metrics is not null && (drained || clock.GetUtcNow() - lastMeasured >= measureEvery))
                {
                    lastMeasured = clock.GetUtcNow();
                    await MeasureAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Relaying the {Subgraph} outbox failed; it is tried again", module.Name);
                published = 0;
                pause = FailurePause > pause ? FailurePause : pause;
            }

            if (published == 0)
            {
                await signal.WaitAsync(pause, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
