using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Communications.Data;

namespace UCE.Communications.Delivery;

/// <summary>
/// Runs <see cref="NotificationDispatcher"/> while the subgraph runs: pass after pass while there is work, then waits for the
/// poll interval (on the host's clock) or for new notifications, whichever comes first.
/// </summary>
public sealed class NotificationDispatchService(
    NotificationDispatcher dispatcher,
    DispatchSignal signal,
    ChannelSenders senders,
    NotificationOptions options,
    TimeProvider clock,
    ILogger<NotificationDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Dispatcher.Enabled)
        {
            return;
        }

        foreach (var channel in Enum.GetValues<Channel>())
        {
            var sender = senders.For(channel);
            if (sender is LogChannelSender)
            {
                logger.LogWarning("{Channel} has no provider configured: its notifications are written to the log and marked SENT", channel.ToString().ToUpperInvariant());
            }
            else
            {
                logger.LogInformation("{Channel} notifications go to {Provider}", channel.ToString().ToUpperInvariant(), sender.Description);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = signal.Next;
            var taken = 0;
            try
            {
                taken = await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database is unreachable; what was claimed is taken again once its lease runs out.
                logger.LogWarning(error, "A dispatcher pass failed; the next one follows after the poll interval");
            }

            if (taken >= options.Dispatcher.BatchSize)
            {
                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(options.Dispatcher.PollInterval, clock, wait.Token), next);
            await wait.CancelAsync();
        }
    }
}
