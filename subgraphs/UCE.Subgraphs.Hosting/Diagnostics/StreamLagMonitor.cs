using Microsoft.Extensions.Hosting;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>Reads the lag of every consumer group this host watches, every <see cref="SubgraphMetricsOptions.RefreshInterval"/>.</summary>
public sealed class StreamLagMonitor(SubgraphMetrics metrics, SubgraphMetricsOptions options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await metrics.RefreshStreamsAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Task.Delay(options.RefreshInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
