using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Communications.Delivery;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Communications.Events;

/// <summary>
/// Reads the outages change stream and the usage event stream in the communications consumer group and queues the
/// notifications each entry asks for; an entry is acknowledged once its notifications are committed. Entries that are not
/// changes or events are dead-lettered; event types communications does not act on are acknowledged and skipped.
/// </summary>
public sealed class NotificationEventConsumer(
    IEventStream stream,
    OutageChangeNotifier outages,
    HighUsageNotifier usage,
    NotificationOptions options,
    TimeProvider clock,
    ILogger<NotificationEventConsumer> logger,
    SubgraphMetrics? metrics = null) : BackgroundService
{
    private NotificationEventOptions Events => options.Events;

    /// <summary>A consumer of the outages change stream; the hosted service runs one, tests drive their own.</summary>
    public StreamConsumer OutageChanges(StreamConsumerOptions? consumerOptions = null) =>
        new(stream, consumerOptions ?? Events.ConsumerOptionsFor(Events.OutageChangeStream), HandleOutageChangeAsync, clock, logger, metrics);

    /// <summary>A consumer of the usage event stream.</summary>
    public StreamConsumer UsageEvents(StreamConsumerOptions? consumerOptions = null) =>
        new(stream, consumerOptions ?? Events.ConsumerOptionsFor(Events.UsageEventStream), HandleUsageEventAsync, clock, logger, metrics);

    public async Task<StreamEntryOutcome> HandleOutageChangeAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (OutageChangeMessage.Read(entry.Field(OutageChangeMessage.Field)) is not { } change)
        {
            return StreamEntryOutcome.Rejected($"The entry has no outage change in its '{OutageChangeMessage.Field}' field.");
        }

        await outages.NotifyAsync(change, cancellationToken);
        return StreamEntryOutcome.Applied;
    }

    public async Task<StreamEntryOutcome> HandleUsageEventAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (HighUsageMessage.Read(entry.Field(HighUsageMessage.Field)) is not { } usageEvent)
        {
            return StreamEntryOutcome.Rejected($"The entry has no usage event in its '{HighUsageMessage.Field}' field.");
        }

        if (usageEvent.Type != HighUsageMessage.HighUsageType)
        {
            return StreamEntryOutcome.Applied;
        }

        await usage.NotifyAsync(usageEvent, cancellationToken);
        return StreamEntryOutcome.Applied;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Events.ConsumerEnabled
            ? Task.WhenAll(OutageChanges().RunAsync(stoppingToken), UsageEvents().RunAsync(stoppingToken))
            : Task.CompletedTask;
}
