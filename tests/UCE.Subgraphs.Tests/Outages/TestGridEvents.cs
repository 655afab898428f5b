using UCE.Outages.Data;
using UCE.Outages.Events;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>Grid events for tests: unique event and outage ids, times now.</summary>
public static class TestGridEvents
{
    /// <summary>Feeder 2 of the demo set (locations 11–20, area Riverside) has no outage in progress.</summary>
    public static readonly string[] QuietFeeder = [.. Enumerable.Range(11, 10).Select(i => $"loc-{i:D6}")];

    public static string NewOutageId() => $"out-t-{Guid.NewGuid():N}";

    public static GridEvent Detected(string outageId, params string[] locations) =>
        new(NewEventId(), GridEventType.OutageDetected, outageId, DateTime.UtcNow)
        {
            Source = "scada",
            Cause = OutageCause.Weather,
            LocationIds = locations.Length == 0 ? QuietFeeder[..3] : locations,
        };

    public static GridEvent Step(string outageId, GridEventType type, DateTime? estimate = null) =>
        new(NewEventId(), type, outageId, DateTime.UtcNow) { Source = "dispatch", EstimatedRestorationAt = estimate };

    public static GridEvent Locations(string outageId, GridEventType type, params string[] locations) =>
        new(NewEventId(), type, outageId, DateTime.UtcNow) { Source = "scada", LocationIds = locations };

    private static string NewEventId() => $"evt-{Guid.NewGuid():N}";
}
