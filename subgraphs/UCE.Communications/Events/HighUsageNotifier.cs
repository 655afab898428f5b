using System.Globalization;
using UCE.Communications.Data;

namespace UCE.Communications.Events;

/// <summary>A high-usage event tells its customer (topic USAGE, never urgent: it waits out quiet hours) by the <c>high-usage</c> templates.</summary>
public sealed class HighUsageNotifier(EventNotificationWriter writer)
{
    /// <summary>What <paramref name="highUsage"/> asks to tell.</summary>
    public static EventNotification NotificationOf(HighUsageMessage highUsage)
    {
        ArgumentNullException.ThrowIfNull(highUsage);
        return new EventNotification(
            highUsage.EventId,
            Topic.Usage,
            "high-usage",
            Urgent: false,
            [highUsage.CustomerId],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["percent"] = Math.Round(highUsage.ChangePercent).ToString("0", CultureInfo.InvariantCulture),
                ["averageKWh"] = highUsage.AverageDailyKWh.ToString("0.0", CultureInfo.InvariantCulture),
                ["previousAverageKWh"] = highUsage.PreviousAverageDailyKWh.ToString("0.0", CultureInfo.InvariantCulture),
            });
    }

    /// <summary>Queues what <paramref name="highUsage"/> tells; returns how many messages were new.</summary>
    public Task<int> NotifyAsync(HighUsageMessage highUsage, CancellationToken cancellationToken) =>
        writer.WriteAsync(NotificationOf(highUsage), cancellationToken);
}
