using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Outages;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Outages.TestGridEvents;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// Two instances of the outages subgraph on one database and one Redis, each running its grid consumer: every event is
/// applied once by one of them, and the subscribers of both hear of every change.
/// </summary>
public sealed class TwoOutagesInstancesTests : IAsyncLifetime
{
    private readonly string stream = TestRedis.UniqueName("grid");
    private readonly string channel = TestRedis.UniqueName("changes");
    private readonly string changeStream = TestRedis.UniqueName("outage-changes");
    private PostgresDatabase? database;
    private SubgraphTestHost? first;
    private SubgraphTestHost? second;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("grid2");

        // One after the other: the first migrates and seeds, the second finds the data there.
        first = await StartAsync("instance-1");
        second = await StartAsync("instance-2");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { first, second })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await TestRedis.DeleteAsync(stream, stream + ":dead", changeStream);
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_event_is_applied_once_and_both_instances_subscribers_hear_every_change()
    {
        var outageIds = Enumerable.Range(0, 4).Select(_ => NewOutageId()).ToList();
        const string query = "subscription { outagesInArea(area: \"Riverside\") { id status } }";
        await using var onFirst = await SubscriptionProbe.StartAsync(first!.Services, query, TestCallers.Anonymous);
        await using var onSecond = await SubscriptionProbe.StartAsync(second!.Services, query, TestCallers.Anonymous);
        List<List<GridEvent>> waves = [[.. outageIds.Select((id, i) => Detected(id, QuietFeeder[i]))]];
        foreach (var step in new[] { GridEventType.OutageConfirmed, GridEventType.CrewDispatched, GridEventType.RestorationStarted, GridEventType.OutageRestored })
        {
            waves.Add([.. outageIds.Select(id => Step(id, step))]);
        }

        // The grid reports an outage's steps minutes apart: each wave is written once the one before it is applied.
        var streamOfFirst = first.Services.GetRequiredService<IEventStream>();
        var events = new List<GridEvent>();
        foreach (var wave in waves)
        {
            foreach (var gridEvent in wave)
            {
                await streamOfFirst.AddAsync(stream, GridEventFormat.ToFields(gridEvent));
            }

            events.AddRange(wave);
            await Eventually.TrueAsync(async () => await ProcessedCountAsync(outageIds) == events.Count, "the wave is applied");
        }

        var heardOnFirst = await onFirst.WaitForAsync(events.Count, "the first instance's subscriber hears all twenty changes");
        var heardOnSecond = await onSecond.WaitForAsync(events.Count, "the second instance's subscriber hears all twenty changes");

        Assert.Equal(events.Count, heardOnFirst.Count);
        Assert.Equal(events.Count, heardOnSecond.Count);
        await using var db = first.CreateDbContext<OutagesDbContext>();
        Assert.Equal(events.Count, await db.ProcessedGridEvents.CountAsync(e => outageIds.Contains(e.OutageId)));
        Assert.Equal(events.Count, await db.OutageStatusChanges.CountAsync(c => outageIds.Contains(c.OutageId)));
        Assert.All(await db.Outages.Where(o => outageIds.Contains(o.Id)).ToListAsync(), outage => Assert.Equal(OutageStatus.Restored, outage.Status));
        Assert.Equal(0, await streamOfFirst.PendingCountAsync(stream, "outages"));
        Assert.Empty(await streamOfFirst.RangeAsync(stream + ":dead", 10));
        foreach (var outageId in outageIds)
        {
            var statuses = heardOnSecond.Select(e => e.GetProperty("data").GetProperty("outagesInArea"))
                .Where(o => o.GetProperty("id").GetString() == outageId)
                .Select(o => o.GetProperty("status").GetString());
            Assert.Equal(["REPORTED", "CONFIRMED", "CREW_DISPATCHED", "RESTORING", "RESTORED"], statuses);
        }
    }

    private async Task<int> ProcessedCountAsync(List<string> outageIds)
    {
        await using var db = first!.CreateDbContext<OutagesDbContext>();
        return await db.ProcessedGridEvents.CountAsync(e => outageIds.Contains(e.OutageId));
    }

    private Task<SubgraphTestHost> StartAsync(string consumer) =>
        SubgraphTestHost.StartAsync(new OutagesSubgraph(), database!.ConnectionString, configuration: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Redis"] = TestRedis.Configuration,
            ["GridEvents:Stream"] = stream,
            ["GridEvents:DeadLetterStream"] = stream + ":dead",
            ["GridEvents:ChangesChannel"] = channel,
            ["GridEvents:ChangeStream"] = changeStream,
            ["GridEvents:Consumer"] = consumer,
            ["GridEvents:BatchSize"] = "3",
            ["GridEvents:PollInterval"] = "00:00:00.020",
        });
}
