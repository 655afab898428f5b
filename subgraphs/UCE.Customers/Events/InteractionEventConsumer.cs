using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Interactions;

namespace UCE.Customers.Events;

/// <summary>
/// Reads the interaction stream in the customers consumer group into <c>Customer.interactions</c>; an entry is acknowledged
/// once its row is committed (or found already there), and entries that are not interaction events are dead-lettered.
/// </summary>
public sealed class InteractionEventConsumer(
    IEventStream stream,
    InteractionRecorder recorder,
    InteractionStreamOptions options,
    TimeProvider clock,
    ILogger<InteractionEventConsumer> logger,
    SubgraphMetrics? metrics = null) : BackgroundService
{
    /// <summary>A consumer of the interaction stream; the hosted service runs one, tests drive their own.</summary>
    public StreamConsumer Interactions(StreamConsumerOptions? consumerOptions = null) =>
        new(stream, consumerOptions ?? options.ConsumerOptions(), recorder.RecordAsync, clock, logger, metrics);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ConsumerEnabled)
        {
            return;
        }

        // Background work beside the requests: tests that count a request's SQL commands must not see it.
        using var uncounted = SqlCommandCounter.Uncounted();
        await Interactions().RunAsync(stoppingToken);
    }
}
