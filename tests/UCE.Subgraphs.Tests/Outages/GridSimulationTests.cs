using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Outages.Simulation;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary><c>simulate-grid</c>: realistic timelines within the run, storms of hundreds of outages, and events the applier accepts.</summary>
public sealed class GridSimulationTests(EmbeddedGridEventsFixture fixture) : IClassFixture<EmbeddedGridEventsFixture>
{
    private static readonly DateTime Start = new(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_storm_is_hundreds_of_outages_over_thousands_of_locations_within_the_run()
    {
        Assert.True(SimulateGridCommand.TryParse(["--storm", "--duration", "240", "--seed", "7"], out var options, out _, out _, out _));

        var timeline = GridSimulation.Build(options, Start);

        Assert.Equal(300, options.Outages);
        Assert.Equal(300, timeline.Count(e => e.Event.Type == GridEventType.OutageDetected));
        Assert.True(timeline.SelectMany(e => e.Event.LocationIds).Distinct().Count() >= 2_000);
        Assert.All(timeline, e => Assert.InRange(e.Offset, TimeSpan.Zero, TimeSpan.FromSeconds(240)));
        Assert.True(timeline.Count(e => e.Offset < TimeSpan.FromSeconds(80) && e.Event.Type == GridEventType.OutageDetected) >= 250, "a storm front-loads its detections");
    }

    [Fact]
    public void Every_simulated_outage_goes_forward_from_detected_to_restored_in_publication_order()
    {
        var timeline = GridSimulation.Build(new GridSimulationOptions { Outages = 40, Locations = 400, Seed = 3 }, Start);

        foreach (var outage in timeline.GroupBy(e => e.Event.OutageId))
        {
            var types = outage.Select(e => e.Event.Type).ToList();
            Assert.Equal(GridEventType.OutageDetected, types[0]);
            Assert.Equal(GridEventType.OutageRestored, types[^1]);
            var statuses = types.Select(GridEventTypes.StatusOf).OfType<OutageStatus>().ToList();
            Assert.Equal([OutageStatus.Confirmed, OutageStatus.CrewDispatched, OutageStatus.Restoring, OutageStatus.Restored], statuses);
            Assert.Equal(outage.Count(), outage.Select(e => e.Event.EventId).Distinct().Count());
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_timeline_and_bad_arguments_are_refused()
    {
        var options = new GridSimulationOptions { Outages = 10, Seed = 11, RunId = "same" };

        Assert.Equal(
            GridSimulation.Build(options, Start).Select(e => GridEventFormat.Serialize(e.Event)),
            GridSimulation.Build(options, Start).Select(e => GridEventFormat.Serialize(e.Event)));
        Assert.False(SimulateGridCommand.TryParse(["--outages", "many"], out _, out _, out _, out _));
        Assert.False(SimulateGridCommand.TryParse(["--duration", "0"], out _, out _, out _, out _));
        Assert.False(SimulateGridCommand.TryParse(["--outages"], out _, out _, out _, out _));
        Assert.True(SimulateGridCommand.TryParse(["--redis", "10.0.0.5:6380", "--stream", "s"], out var parsed, out var redis, out var stream, out _));
        Assert.Equal(("10.0.0.5:6380", "s", 5), (redis, stream, parsed.Outages));
    }

    [Fact]
    public async Task A_simulated_storm_on_the_demo_grid_is_applied_without_dead_letters_and_every_outage_is_restored()
    {
        var stream = fixture.NewStream();
        var timeline = GridSimulation.Build(new GridSimulationOptions { Outages = 4, Locations = 40, Storm = true, Duration = TimeSpan.FromMilliseconds(50), Seed = 5 }, DateTime.UtcNow);

        var sent = await SimulateGridCommand.PublishAsync(fixture.Stream, stream, timeline, null, CancellationToken.None);
        var consumer = fixture.ConsumerOf(stream);
        await Eventually.TrueAsync(async () =>
        {
            await consumer.ProcessOnceAsync(CancellationToken.None);
            return (await fixture.Stream.RangeAsync(stream, 1_000)).Count == sent && await fixture.Stream.PendingCountAsync(stream, "outages") == 0;
        }, "every simulated event is handled");

        Assert.Equal(timeline.Count, sent);
        Assert.Empty(await fixture.Stream.RangeAsync(stream + ":dead", 10));
        foreach (var outageId in timeline.Select(e => e.Event.OutageId).Distinct())
        {
            Assert.Equal(OutageStatus.Restored, (await fixture.OutageAsync(outageId))!.Status);
        }
    }
}
