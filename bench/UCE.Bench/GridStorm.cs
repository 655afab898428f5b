using System.Text.Json;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Bench;

/// <summary>
/// The grid events of a subscription bench run: outages opened in the given areas, each taken through its life
/// (<c>detected → confirmed → crew-dispatched → restoring → restored</c>, one delivery of a distinct status per step, so
/// that a receipt names its event). All outages take their first step before any takes its second, so the steps of one
/// outage lie a whole wave apart.
/// </summary>
internal sealed class GridStorm
{
    private static readonly (GridEventType Type, OutageStatus Status)[] Steps =
    [
        (GridEventType.OutageDetected, OutageStatus.Reported),
        (GridEventType.OutageConfirmed, OutageStatus.Confirmed),
        (GridEventType.CrewDispatched, OutageStatus.CrewDispatched),
        (GridEventType.RestorationStarted, OutageStatus.Restoring),
        (GridEventType.OutageRestored, OutageStatus.Restored),
    ];

    private readonly string runId;
    private readonly IReadOnlyList<string> areas;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> locationsByArea;

    public GridStorm(string runId, IReadOnlyList<string> areas, IReadOnlyDictionary<string, IReadOnlyList<string>> locationsByArea)
    {
        this.runId = runId;
        this.areas = areas;
        this.locationsByArea = locationsByArea;
    }

    /// <summary>The most events one storm writes: five steps of at most 10,000 outages.</summary>
    public const int MaxEvents = 50_000;

    /// <summary>The operating areas of the demo grid's first <paramref name="locations"/> locations, with their locations.</summary>
    public static Dictionary<string, IReadOnlyList<string>> DemoAreas(int locations)
    {
        var byArea = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var index = 1; index <= locations; index++)
        {
            var connection = OutageSeed.Connection(index);
            if (!byArea.TryGetValue(connection.AreaName, out var list))
            {
                byArea[connection.AreaName] = list = [];
            }

            list.Add(connection.LocationId);
        }

        return byArea.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The status a subscriber sees after a step, as the schema spells it (<c>CREW_DISPATCHED</c>).</summary>
    public static string StatusName(OutageStatus status) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());

    /// <summary>Event <paramref name="index"/> of a storm of <paramref name="total"/> events: its area and the grid event.</summary>
    public (string Area, GridEvent Event, string Status) EventAt(int index, int total, DateTime now)
    {
        var outages = (total + Steps.Length - 1) / Steps.Length;
        var number = index % outages;
        var (type, status) = Steps[index / outages];
        var area = areas[number % areas.Count];
        var locations = locationsByArea[area];
        var location = locations[(number / areas.Count) % locations.Count];
        var gridEvent = new GridEvent($"bench-{runId}-{number:D5}-{index / outages}", type, $"out-bench-{runId}-{number:D5}", now)
        {
            Source = "subscription-bench",
            Cause = type == GridEventType.OutageDetected ? OutageCause.Weather : null,
            LocationIds = type == GridEventType.OutageDetected ? [location] : [],
            EstimatedRestorationAt = type == GridEventType.OutageConfirmed ? now.AddHours(3) : null,
        };
        return (area, gridEvent, StatusName(status));
    }
}
