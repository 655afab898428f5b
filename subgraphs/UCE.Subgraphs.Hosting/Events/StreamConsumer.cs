using System.Globalization;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Diagnostics;

namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// Reads a stream with a consumer group and hands each entry to a handler, acknowledging it only once the handler has
/// finished with it (applied, already applied, or rejected and dead-lettered). An entry whose handler throws or asks for a
/// retry stays pending and is claimed again after <see cref="StreamConsumerOptions.ClaimIdleTime"/> — by this consumer or another —
/// until <see cref="StreamConsumerOptions.MaxDeliveries"/>, then dead-lettered. On its first pass a consumer takes up
/// what it held before a restart, and every pass claims entries that other consumers left idle too long. With
/// <paramref name="metrics"/>, its group's lag is watched from the moment it is created and what it handles is counted.
/// </summary>
public sealed class StreamConsumer(
    IEventStream stream,
    StreamConsumerOptions options,
    Func<StreamEntry, CancellationToken, Task<StreamEntryOutcome>> handler,
    TimeProvider clock,
    ILogger logger,
    SubgraphMetrics? metrics = null)
{
    // After the stream itself failed, wait longer than an idle poll: Redis is down or restarting, and every poll would log.
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(1);

    private readonly SubgraphMetrics.StreamGroupMetrics? measured = metrics?.WatchStream(stream, options.Stream, options.Group);
    private bool started;
    private DateTimeOffset lastClaim = DateTimeOffset.MinValue;

    public StreamConsumerOptions Options => options;

    /// <summary>Reads and handles until <paramref name="cancellationToken"/> fires; waits between empty passes.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int handled;
            var pause = options.PollInterval;
            try
            {
                handled = await ProcessOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The stream itself failed (Redis down): the client reconnects; try again after a pause.
                logger.LogWarning(error, "Reading {Stream} as {Consumer} failed", options.Stream, options.Consumer);
                handled = 0;
                pause = FailurePause > pause ? FailurePause : pause;
            }

            if (handled == 0)
            {
                await stream.WaitForEntriesAsync(options.Stream, options.Group, pause, cancellationToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// One pass: the consumer's own pending entries (first pass only), entries idle in other consumers' hands (at most once per
    /// half claim idle time), then new entries. Returns how many entries it handled.
    /// </summary>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        if (!started)
        {
            await stream.EnsureGroupAsync(options.Stream, options.Group, cancellationToken).ConfigureAwait(false);
            var held = await stream.ReadPendingAsync(options.Stream, options.Group, options.Consumer, options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (held.Count > 0)
            {
                logger.LogInformation("{Consumer} takes up {Count} entries of {Stream} it held before it stopped", options.Consumer, held.Count, options.Stream);
            }

            handled += await HandleAllAsync(held, cancellationToken).ConfigureAwait(false);
            started = true;
        }

        var now = clock.GetUtcNow();
        if (now - lastClaim >= options.ClaimIdleTime / 2)
        {
            lastClaim = now;
            var claimed = await stream.ClaimIdleAsync(options.Stream, options.Group, options.Consumer, options.ClaimIdleTime, options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (claimed.Count > 0)
            {
                logger.LogInformation("{Consumer} claimed {Count} idle entries of {Stream}", options.Consumer, claimed.Count, options.Stream);
            }

            handled += await HandleAllAsync(claimed, cancellationToken).ConfigureAwait(false);
        }

        var fresh = await stream.ReadNewAsync(options.Stream, options.Group, options.Consumer, options.BatchSize, cancellationToken).ConfigureAwait(false);
        handled += await HandleAllAsync(fresh, cancellationToken).ConfigureAwait(false);
        return handled;
    }

    private async Task<int> HandleAllAsync(IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await HandleAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return entries.Count;
    }

    private async Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        StreamEntryOutcome outcome;
        if (entry.DeliveryCount > options.MaxDeliveries)
        {
            outcome = StreamEntryOutcome.Rejected($"Still failing after {options.MaxDeliveries} deliveries.");
        }
        else
        {
            try
            {
                outcome = await handler(entry, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                // Left pending: claimed again after the idle time, so a passing failure (a database restart) loses nothing.
                logger.LogWarning(error, "Entry {Id} of {Stream} failed (delivery {Delivery}); it will be tried again", entry.Id, options.Stream, entry.DeliveryCount);
                measured?.Failed();
                return;
            }
        }

        if (outcome.Kind == StreamEntryOutcomeKind.Retry)
        {
            if (entry.DeliveryCount < options.MaxDeliveries)
            {
                logger.LogInformation("Entry {Id} of {Stream} cannot be applied yet (delivery {Delivery}): {Reason}", entry.Id, options.Stream, entry.DeliveryCount, outcome.Reason);
                measured?.Failed();
                return;
            }

            outcome = StreamEntryOutcome.Rejected(outcome.Reason ?? "Could not be applied.");
        }

        if (outcome.Kind == StreamEntryOutcomeKind.Rejected)
        {
            await DeadLetterAsync(entry, outcome.Reason ?? "Rejected.", cancellationToken).ConfigureAwait(false);
        }

        await stream.AcknowledgeAsync(options.Stream, options.Group, entry.Id, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind == StreamEntryOutcomeKind.Rejected)
        {
            measured?.DeadLettered(entry.Id);
        }
        else
        {
            measured?.Processed(entry.Id);
        }
    }

    private async Task DeadLetterAsync(StreamEntry entry, string reason, CancellationToken cancellationToken)
    {
        logger.LogWarning("Entry {Id} of {Stream} dead-lettered: {Reason}", entry.Id, options.Stream, reason);
        var fields = new Dictionary<string, string>(entry.Fields, StringComparer.Ordinal)
        {
            [DeadLetterFields.Reason] = reason,
            [DeadLetterFields.Stream] = options.Stream,
            [DeadLetterFields.Id] = entry.Id,
            [DeadLetterFields.Consumer] = options.Consumer,
            [DeadLetterFields.At] = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        await stream.AddAsync(options.DeadLetterStream, fields, cancellationToken).ConfigureAwait(false);
    }
}
