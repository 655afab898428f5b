using System.Text.Json;
using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>
/// Published on the change channel after every applied grid event or status update, for every instance of the subgraph
/// (their subscriptions) and any other listener. <see cref="AreaName"/> is the outage's operating area, the <c>area</c> of
/// <c>outagesInArea</c>; <see cref="RemovedLocationIds"/> lists locations this change took out of the outage.
/// </summary>
public sealed record OutageChanged(
    string EventId,
    string EventType,
    string OutageId,
    OutageStatus Status,
    OutageStatus? PreviousStatus,
    DateTime? EstimatedRestorationAt,
    string AreaName,
    IReadOnlyList<string> AffectedLocationIds,
    IReadOnlyList<string> RemovedLocationIds,
    DateTime At)
{
    public string ToJson() => JsonSerializer.Serialize(this, EventJson.Options);

    /// <summary>The message in <paramref name="json"/>, or null when it is not one.</summary>
    public static OutageChanged? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OutageChanged>(json, EventJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when the change concerns any of <paramref name="locationIds"/> (affected now, or just released).</summary>
    public bool Touches(IReadOnlySet<string> locationIds) =>
        AffectedLocationIds.Any(locationIds.Contains) || RemovedLocationIds.Any(locationIds.Contains);
}
