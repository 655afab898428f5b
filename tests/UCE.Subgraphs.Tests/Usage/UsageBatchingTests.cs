using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary>
/// N+1 guards: a usage query costs the same, exact number of SQL commands (one per DataLoader it reaches) for 5
/// parents as for 50 distinct ones. The demo set (40 customers) is extended with customers 41–60 so that 50 locations
/// are real rows.
/// </summary>
public sealed class UsageBatchingTests(UsageBatchingTests.ExtendedFixture fixture) : IClassFixture<UsageBatchingTests.ExtendedFixture>
{
    /// <summary>Six hours of the day before the last read, the last week by hour, the read days by day since the previous month, and the read year by month.</summary>
    private string LocationQuery
    {
        get
        {
            var readThrough = UsageSeed.ReadThrough(fixture.Host.DemoDate);
            var month = IsoUtc.MonthOf(readThrough);
            var afterLastRead = IsoUtc.At(readThrough.AddDays(1));
            return $$"""
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on ServiceLocation {
                      id meterId
                      quarters: usage(from: "{{IsoUtc.At(readThrough.AddDays(-1))}}", to: "{{IsoUtc.At(readThrough.AddDays(-1), 6)}}", granularity: QUARTER_HOUR) { totalKWh points { kWh } }
                      hours: usage(from: "{{IsoUtc.At(readThrough.AddDays(-6))}}", to: "{{afterLastRead}}", granularity: HOUR) { totalKWh }
                      days: usage(from: "{{IsoUtc.At(month.AddMonths(-1))}}", to: "{{afterLastRead}}", granularity: DAY) { totalKWh }
                      months: usage(from: "{{IsoUtc.At(month.AddMonths(-12))}}", to: "{{IsoUtc.At(month.AddMonths(1))}}", granularity: MONTH) { points { kWh } }
                      usageSummary { highUsage current { kWh } }
                      daily: usageSummary(period: DAY) { changePercent }
                    }
                  }
                }
                """;
        }
    }

    private const string AccountQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Account { id usageSummary { highUsage changePercent current { kWh costEstimate } previous { kWh } } }
          }
        }
        """;

    [Fact]
    public async Task Fifty_service_locations_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(LocationQuery, Locations(5));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(LocationQuery, Locations(50));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(LocationIds(50), entities.Select(e => e.GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.Equal(24, e.GetProperty("quarters").GetProperty("points").GetArrayLength()));
        Assert.All(entities, e => Assert.Equal(13, e.GetProperty("months").GetProperty("points").GetArrayLength()));

        // Meters by location, then one read of interval blocks (quarters, hours) and one of daily blocks (days,
        // months, both summaries), each covering every meter and the widest range asked.
        Assert.Equal(3, fiveCommands);
        Assert.Equal(3, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_accounts_cost_as_many_sql_commands_as_five()
    {
        var accounts = Enumerable.Range(1, 60).SelectMany(i => DemoGraph.Customer(i).Accounts).Select(a => a.Id).Take(50).ToList();
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(AccountQuery, Accounts(accounts.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(AccountQuery, Accounts(accounts));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(accounts, entities.Select(e => e.GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.True(e.GetProperty("usageSummary").GetProperty("current").GetProperty("kWh").GetDouble() > 0));

        // The accounts' meters (one join), then their daily blocks.
        Assert.Equal(2, fiveCommands);
        Assert.Equal(2, fiftyCommands);
    }

    [Fact]
    public async Task Twenty_aliased_meter_usages_cost_as_many_sql_commands_as_two()
    {
        var day = UsageSeed.ReadThrough(fixture.Host.DemoDate).AddDays(-1);
        string Query(int count) =>
            "{ " + string.Concat(Enumerable.Range(1, count).Select(i =>
                $"m{i}: meterUsage(meterId: \"MTR-{i:D8}\", from: \"{IsoUtc.At(day)}\", to: \"{IsoUtc.At(day.AddDays(1))}\", granularity: HOUR) {{ totalKWh points {{ kWh }} }} ")) + "}";

        var (two, twoCommands) = await fixture.Host.MeasureAsync(Query(2));
        var (twenty, twentyCommands) = await fixture.Host.MeasureAsync(Query(20));

        Assert.Equal(2, two.EnsureNoErrors().Data.EnumerateObject().Count());
        var usages = twenty.EnsureNoErrors().Data.EnumerateObject().ToList();
        Assert.Equal(20, usages.Count);
        Assert.All(usages, m => Assert.Equal(24, m.Value.GetProperty("points").GetArrayLength()));

        // Meters by id (the owner checks of all aliases share it), then their interval blocks: root fields of one
        // level share the loaders too.
        Assert.Equal(2, twoCommands);
        Assert.Equal(2, twentyCommands);
    }

    private static List<string> LocationIds(int count) => Enumerable.Range(1, count).Select(DemoGraph.LocationId).ToList();

    private static object Locations(int count) => new
    {
        representations = LocationIds(count).Select(id => new { __typename = "ServiceLocation", id }).ToArray(),
    };

    private static object Accounts(IEnumerable<string> ids) => new
    {
        representations = ids.Select(id => new { __typename = "Account", id }).ToArray(),
    };

    /// <summary>The usage fixture plus customers 41–60, seeded the way the generator loads a chunk.</summary>
    public sealed class ExtendedFixture : SubgraphFixture<UsageSubgraph>, IAsyncLifetime
    {
        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await using var db = Host.CreateDbContext<UsageDbContext>();
            await new UsageSubgraph().SeedAsync(db, Host.Demo.Slice(DemoGraph.DemoCustomerCount + 1, 20), CancellationToken.None);
        }
    }
}
