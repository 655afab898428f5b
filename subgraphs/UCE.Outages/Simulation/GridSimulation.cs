using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Outages.Simulation;

/// <summary>
/// A realistic timeline of grid events: each outage is detected on a feeder with a few of its locations, spreads to the
/// rest of the feeder (in a storm, to the next feeder too), is confirmed with a first estimate, gets a crew, sees its
/// estimate slip, is restored in part (locations removed) and then in full, all at offsets within the run.
/// </summary>
public static class GridSimulation
{
    private const int LocationsPerFeeder = OutageSeed.LocationsPerFeeder;

    public static IReadOnlyList<ScheduledGridEvent> Build(GridSimulationOptions options, DateTime start)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var feeders = Math.Max(1, options.Locations / LocationsPerFeeder);
        var order = Enumerable.Range(1, feeders).OrderBy(_ => random.Next()).ToList();
        var timeline = new List<ScheduledGridEvent>();
        for (var n = 0; n < options.Outages; n++)
        {
            var feeder = order[n % order.Count];
            timeline.AddRange(Outage(options, random, start, n + 1, feeder, feeders));
        }

        return [.. timeline.OrderBy(e => e.Offset).ThenBy(e => e.Sequence)];
    }

    private static IEnumerable<ScheduledGridEvent> Outage(GridSimulationOptions options, Random random, DateTime start, int number, int feeder, int feeders)
    {
        var total = options.Duration.TotalMilliseconds;

        // A storm front-loads detections (most lines come down in the first third); otherwise they spread over the first half.
        var detectedAt = options.Storm ? total * 0.35 * Math.Pow(random.NextDouble(), 2) : total * 0.5 * random.NextDouble();
        var restoredAt = detectedAt + ((total - detectedAt) * (0.5 + (0.45 * random.NextDouble())));
        var steps = Enumerable.Range(0, 7).Select(_ => detectedAt + ((restoredAt - detectedAt) * random.NextDouble())).Order().ToArray();
        var outageId = $"out-sim-{options.RunId}-{number:D5}";
        var locations = FeederLocations(feeder, options.Locations);
        var first = Math.Min(locations.Count, 1 + random.Next(3));
        var sequence = 0;

        ScheduledGridEvent At(double offset, GridEventType type, Func<GridEvent, GridEvent>? shape = null)
        {
            var at = start.AddMilliseconds(offset);
            var gridEvent = new GridEvent($"sim-{options.RunId}-{number:D5}-{sequence:D2}", type, outageId, at) { Source = "grid-simulator" };
            return new ScheduledGridEvent(TimeSpan.FromMilliseconds(offset), number * 100 + sequence++, shape is null ? gridEvent : shape(gridEvent));
        }

        DateTime Estimate(double offset) => start.AddMilliseconds(offset).AddHours(1 + random.Next(4)).AddMinutes(random.Next(4) * 15);

        yield return At(detectedAt, GridEventType.OutageDetected, e => e with
        {
            Cause = options.Storm ? (random.Next(3) == 0 ? OutageCause.Vegetation : OutageCause.Weather) : (OutageCause)random.Next(1, 6),
            LocationIds = [.. locations.Take(first)],
            Note = null,
        });
        var spread = locations.Skip(first).ToList();
        if (options.Storm && feeders > 1)
        {
            spread.AddRange(FeederLocations((feeder % feeders) + 1, options.Locations).Take(1 + random.Next(LocationsPerFeeder)));
        }

        if (spread.Count > 0)
        {
            yield return At(steps[0], GridEventType.LocationsAdded, e => e with { LocationIds = [.. spread] });
        }

        yield return At(steps[1], GridEventType.OutageConfirmed, e => e with { EstimatedRestorationAt = Estimate(steps[1]), Note = "Confirmed by SCADA" });
        yield return At(steps[2], GridEventType.CrewDispatched, e => e with { Note = $"Crew {1 + random.Next(40)} dispatched" });
        if (options.Storm || random.Next(2) == 0)
        {
            yield return At(steps[3], GridEventType.RestorationEstimateChanged, e => e with { EstimatedRestorationAt = Estimate(steps[3]).AddHours(1) });
        }

        yield return At(steps[4], GridEventType.RestorationStarted, e => e with { Note = "Switching and repairs under way" });
        var affected = locations.Take(first).Concat(spread).ToList();
        if (affected.Count > 2 && random.Next(2) == 0)
        {
            // Part of the load comes back through a back-feed before the repair is done.
            yield return At(steps[5], GridEventType.LocationsRemoved, e => e with { LocationIds = [.. affected.Skip(affected.Count / 2)] });
        }

        yield return At(restoredAt, GridEventType.OutageRestored, e => e with { Note = "Supply restored" });
    }

    private static List<string> FeederLocations(int feeder, int locations)
    {
        var firstIndex = ((feeder - 1) * LocationsPerFeeder) + 1;
        var lastIndex = Math.Min(firstIndex + LocationsPerFeeder - 1, locations);
        return [.. Enumerable.Range(firstIndex, Math.Max(0, lastIndex - firstIndex + 1)).Select(DemoGraph.LocationId)];
    }
}

/// <summary>A grid event and when, after the start of the run, it is published.</summary>
public sealed record ScheduledGridEvent(TimeSpan Offset, int Sequence, GridEvent Event);
