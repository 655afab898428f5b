using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>What the grid reports about an outage.</summary>
public enum GridEventType
{
    OutageDetected,
    OutageConfirmed,
    CrewDispatched,
    RestorationStarted,
    OutageRestored,
    RestorationEstimateChanged,
    LocationsAdded,
    LocationsRemoved,
}

/// <summary>The wire names of <see cref="GridEventType"/> (<c>outage.crew-dispatched</c>) and the status each status event moves to.</summary>
public static class GridEventTypes
{
    private static readonly Dictionary<GridEventType, string> Names = new()
    {
        [GridEventType.OutageDetected] = "outage.detected",
        [GridEventType.OutageConfirmed] = "outage.confirmed",
        [GridEventType.CrewDispatched] = "outage.crew-dispatched",
        [GridEventType.RestorationStarted] = "outage.restoring",
        [GridEventType.OutageRestored] = "outage.restored",
        [GridEventType.RestorationEstimateChanged] = "outage.estimate-changed",
        [GridEventType.LocationsAdded] = "outage.locations-added",
        [GridEventType.LocationsRemoved] = "outage.locations-removed",
    };

    private static readonly Dictionary<string, GridEventType> ByName = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IEnumerable<string> All => Names.Values;

    public static string NameOf(GridEventType type) => Names[type];

    public static GridEventType Parse(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new ArgumentException($"Unknown grid event type '{name}'.", nameof(name));

    public static bool TryParse(string? name, out GridEventType type) => ByName.TryGetValue(name ?? "", out type);

    /// <summary>The status a status event moves the outage to; null for the other events.</summary>
    public static OutageStatus? StatusOf(GridEventType type) => type switch
    {
        GridEventType.OutageConfirmed => OutageStatus.Confirmed,
        GridEventType.CrewDispatched => OutageStatus.CrewDispatched,
        GridEventType.RestorationStarted => OutageStatus.Restoring,
        GridEventType.OutageRestored => OutageStatus.Restored,
        _ => null,
    };

    /// <summary>The status event that moves an outage to <paramref name="status"/>; null for <see cref="OutageStatus.Reported"/>, where outages begin.</summary>
    public static GridEventType? EventFor(OutageStatus status) => status switch
    {
        OutageStatus.Confirmed => GridEventType.OutageConfirmed,
        OutageStatus.CrewDispatched => GridEventType.CrewDispatched,
        OutageStatus.Restoring => GridEventType.RestorationStarted,
        OutageStatus.Restored => GridEventType.OutageRestored,
        _ => null,
    };
}
