using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary>The generator's PostgreSQL bulk path (binary COPY) writes the same rows the seed describes, readable by the subgraph.</summary>
public sealed class UsageGeneratorTests
{
    [Fact]
    public async Task Generator_copies_meters_accounts_and_packed_reads_that_the_subgraph_serves()
    {
        await using var database = await PostgresDatabase.CreateAsync("usage_generator");
        var graph = new DemoGraph(60, DemoGraph.Today(TimeProvider.System), 2_001);

        var report = await SubgraphHost.GenerateAsync(new UsageSubgraph(), new SubgraphHostOptions { ConnectionString = database.ConnectionString }, graph, null, CancellationToken.None);

        Assert.NotNull(report);
        var expected = UsageSeed.Generate(graph);
        Assert.Equal((long)expected.Meters.Count, await database.ScalarAsync("SELECT count(*) FROM meters"));
        Assert.Equal((long)expected.Accounts.Count, await database.ScalarAsync("SELECT count(*) FROM metered_accounts"));
        Assert.Equal((long)expected.DailyReads.Count, await database.ScalarAsync("SELECT count(*) FROM daily_read_blocks"));
        Assert.Equal((long)expected.Intervals.Count, await database.ScalarAsync("SELECT count(*) FROM interval_read_blocks"));
        Assert.Equal(IntervalReadBlock.IntervalsPerDay * sizeof(int), await database.ScalarAsync("""SELECT min(length("QuarterHourWh")) FROM interval_read_blocks"""));

        await using var host = await SubgraphTestHost.StartAsync(new UsageSubgraph(), database.ConnectionString);
        var readThrough = UsageSeed.ReadThrough(graph.AsOf);
        var response = (await host.As(TestCallers.Agent).PostAsync(
            """
            query($from: DateTime!, $to: DateTime!) { meterUsage(meterId: "MTR-00002030", from: $from, to: $to, granularity: DAY) { totalKWh } }
            """,
            new { from = IsoUtc.At(readThrough), to = IsoUtc.At(readThrough.AddDays(1)) })).EnsureNoErrors();
        var day = expected.DailyReads.Single(b => b.MeterId == "MTR-00002030" && b.MonthStart == IsoUtc.MonthOf(readThrough)).DailyWh[readThrough.Day - 1];
        Assert.Equal(day / 1000.0, response.At("meterUsage", "totalKWh").GetDouble(), 3);
    }
}
