using UCE.Communications.Data;
using UCE.Communications.Delivery;

namespace UCE.Communications.Events;

/// <summary>
/// Which outage changes tell whom what (topic OUTAGE). Detected, and locations added: "outage at your home" to the customers
/// the change brought in. Confirmed: "outage confirmed" to every affected customer. Restoring and a new estimate: the
/// estimate. Restored: "power is back on" to every affected customer; locations removed: the same to the customers released.
/// Crew dispatched tells nobody (the next estimate does). Alerts about an outage that affects the customer now are urgent;
/// "power is back on" is not, and waits out quiet hours.
/// </summary>
public sealed class OutageChangeNotifier(EventNotificationWriter writer, NotificationOptions options)
{
    private const string NotKnownYet = "not known yet";

    private readonly TimeZoneInfo zone = options.ResolveTimeZone();

    /// <summary>What <paramref name="change"/> asks to tell; null when it tells nobody.</summary>
    public EventNotification? NotificationOf(OutageChangeMessage change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (kind, customers, urgent, progress) = change.EventType switch
        {
            "outage.detected" or "outage.locations-added" => ("outage-detected", change.AddedCustomerIds, true, null),
            "outage.confirmed" => ("outage-confirmed", change.AffectedCustomerIds, true, null),
            "outage.restoring" => ("outage-estimate", change.AffectedCustomerIds, true, "crews are restoring power"),
            "outage.estimate-changed" => ("outage-estimate", change.AffectedCustomerIds, true, "our crews have a new estimate for the outage"),
            "outage.restored" => ("outage-restored", change.AffectedCustomerIds, false, null),
            "outage.locations-removed" => ("outage-restored", change.ReleasedCustomerIds, false, (string?)null),
            _ => (null, [], false, null),
        };
        if (kind is null || customers.Count == 0)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["areaName"] = change.AreaName,
            ["estimatedRestoration"] = change.EstimatedRestorationAt is { } estimate ? EventNotificationWriter.LocalTime(estimate, zone) : NotKnownYet,
        };
        if (progress is not null)
        {
            values["progress"] = progress;
        }

        return new EventNotification(change.EventId, Topic.Outage, kind, urgent, customers, values);
    }

    /// <summary>Queues what <paramref name="change"/> tells; returns how many messages were new.</summary>
    public async Task<int> NotifyAsync(OutageChangeMessage change, CancellationToken cancellationToken) =>
        NotificationOf(change) is { } notification ? await writer.WriteAsync(notification, cancellationToken) : 0;
}
