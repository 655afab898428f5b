using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>
/// Publishes a subgraph's outbox rows to their streams through <see cref="IEventStream"/> and marks them sent; does nothing
/// for a subgraph whose model has no outbox. Rows are read oldest first in a transaction that holds them
/// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), so several instances share the work instead of publishing the same rows.
/// A row is marked only after it was published: a relay stopped in between publishes it again on its next pass, which
/// consumers absorb because they deduplicate by event id.
/// </summary>
public sealed class OutboxRelay(
    SubgraphModule module,
    IServiceProvider services,
    IEventStream stream,
    OutboxSignal signal,
    OutboxOptions options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
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
            }
        }

        return published;
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
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = options.PollInterval;
            int published;
            try
            {
                published = await RelayOnceAsync(stoppingToken).ConfigureAwait(false);
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
