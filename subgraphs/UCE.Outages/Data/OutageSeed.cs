using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Outages.Data;

/// <summary>
/// Deterministic grid and outage data for a chunk of the demo key space. Locations hang in groups of
/// <see cref="LocationsPerFeeder"/> on a feeder; every feeder has a few restored outages in the past
/// year that hit all of its locations, and every third feeder has one outage in progress.
/// </summary>
/// <remarks>
/// A feeder's outages are written by the chunk that holds the feeder's first location and list the
/// feeder's locations inside that chunk, so chunks never refer to each other's rows.
/// </remarks>
public static class OutageSeed
{
    public const int LocationsPerFeeder = 10;

    private const int FeedersPerArea = 10;

    private static readonly string[] AreaNames =
    [
        "Riverside", "Oak Hill", "Harbor Point", "Northgate", "Cedar Valley",
        "Millbrook", "Stonebridge", "Lakeview", "Westfield", "Pine Ridge",
    ];

    private static readonly string[] ReportDescriptions =
    [
        "All lights went out at once.",
        "No power in the whole house; neighbours are dark too.",
        "Heard a loud bang from the transformer, then the power cut.",
        "Power keeps flickering and is now off.",
        "Street lights and our house are out.",
    ];

    /// <summary>
    /// Builds the rows for <paramref name="graph"/>'s customers: restored outages in the year before <see cref="DemoGraph.Now"/>, and
    /// outages in progress that began the evening before and are estimated to be restored after <see cref="DemoGraph.AsOf"/> ends.
    /// </summary>
    public static OutageSeedRows Build(DemoGraph graph)
    {
        var rows = new OutageSeedRows();
        var now = graph.Now;
        var lastIndex = graph.FirstIndex + graph.CustomerCount - 1;
        foreach (var customer in graph.Customers())
        {
            rows.GridConnections.Add(Connection(customer.Index));
            if ((customer.Index - 1) % LocationsPerFeeder == 0)
            {
                var feederLast = Math.Min(customer.Index + LocationsPerFeeder - 1, lastIndex);
                AddFeederOutages(rows, customer.Index, feederLast, now);
            }
        }

        return rows;
    }

    public static int FeederNumber(int locationIndex) => ((locationIndex - 1) / LocationsPerFeeder) + 1;

    public static GridConnection Connection(int locationIndex)
    {
        var feeder = FeederNumber(locationIndex);
        var area = (feeder - 1) / FeedersPerArea;
        var areaName = AreaNames[area % AreaNames.Length];
        if (area >= AreaNames.Length)
        {
            areaName = $"{areaName} {(area / AreaNames.Length) + 1}";
        }

        return new GridConnection
        {
            LocationId = DemoGraph.LocationId(locationIndex),
            CustomerId = DemoGraph.CustomerId(locationIndex),
            FeederName = $"FDR-{feeder:D5}",
            AreaName = areaName,
        };
    }

    private static void AddFeederOutages(OutageSeedRows rows, int firstIndex, int lastIndex, DateTime now)
    {
        var feeder = FeederNumber(firstIndex);
        var random = DemoGraph.RandomFor("outages", firstIndex);
        var first = Connection(firstIndex);
        var pastCount = 2 + random.Next(3);
        for (var n = 1; n <= pastCount; n++)
        {
            var started = now.AddDays(-random.Next(3, 360)).AddMinutes(-random.Next(0, 24 * 60));
            var outage = Outage.Open($"out-{feeder:D6}-{n:D2}", first, PickCause(random), started, "grid-monitor");
            outage.EstimatedRestorationAt = started.AddHours(2 + random.Next(6));
            var at = started;
            foreach (var step in new[] { OutageStatus.Confirmed, OutageStatus.CrewDispatched, OutageStatus.Restoring, OutageStatus.Restored })
            {
                at = at.AddMinutes(10 + random.Next(80));
                outage.ChangeStatus(step, at, step == OutageStatus.Confirmed ? "grid-monitor" : "dispatch");
            }

            AddLocationsAndReports(rows, outage, firstIndex, lastIndex, random, started);
        }

        if (feeder % 3 == 1)
        {
            // Its status steps take at most 100 minutes, so all of them lie before now; the estimate lies after the day ends,
            // so the outage looks in progress whenever the demo is looked at that day.
            var started = now.AddMinutes(-(120 + random.Next(300)));
            var outage = Outage.Open($"out-{feeder:D6}-{pastCount + 1:D2}", first, PickCause(random), started, "grid-monitor");
            outage.EstimatedRestorationAt = now.AddDays(1).AddMinutes(60 + random.Next(240));
            var reached = (OutageStatus)random.Next((int)OutageStatus.Restoring + 1);
            var at = started;
            for (var step = OutageStatus.Confirmed; step <= reached; step++)
            {
                at = at.AddMinutes(5 + random.Next(20));
                outage.ChangeStatus(step, at, "dispatch");
            }

            AddLocationsAndReports(rows, outage, firstIndex, lastIndex, random, started);
        }
    }

    private static void AddLocationsAndReports(OutageSeedRows rows, Outage outage, int firstIndex, int lastIndex, Random random, DateTime started)
    {
        for (var i = firstIndex; i <= lastIndex; i++)
        {
            outage.Affect(DemoGraph.LocationId(i));
        }

        var reportCount = 1 + random.Next(2);
        for (var n = 1; n <= reportCount; n++)
        {
            var reporter = firstIndex + random.Next(lastIndex - firstIndex + 1);
            var customerId = DemoGraph.CustomerId(reporter);
            outage.Reports.Add(new OutageReport
            {
                Id = $"rpt-{outage.Id[4..]}-{n}",
                OutageId = outage.Id,
                LocationId = DemoGraph.LocationId(reporter),
                CustomerId = customerId,
                ReportedBy = customerId,
                ReportedAt = started.AddMinutes(1 + random.Next(15)),
                Description = ReportDescriptions[random.Next(ReportDescriptions.Length)],
            });
        }

        outage.ClearPendingEvents();
        rows.Outages.Add(outage);
    }

    private static OutageCause PickCause(Random random) =>
        (OutageCause)random.Next((int)OutageCause.Weather, (int)OutageCause.PlannedMaintenance + 1);
}

/// <summary>The rows one seed chunk adds.</summary>
public sealed class OutageSeedRows
{
    public List<GridConnection> GridConnections { get; } = [];

    public List<Outage> Outages { get; } = [];
}
