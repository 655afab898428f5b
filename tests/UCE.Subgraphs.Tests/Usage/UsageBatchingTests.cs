using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary>
/// N+1 guards: the SQL commands a usage query costs do not grow with the number of parents. The demo set (40
/// customers) is extended with customers 41–60 so that 50 locations are real rows.
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

        five.EnsureNoErrors();
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(50, entities.Count);
        Assert.All(entities, e => Assert.Equal(24, e.GetProperty("quarters").GetProperty("points").GetArrayLength()));
        Assert.All(entities, e => Assert.Equal(13, e.GetProperty("months").GetProperty("points").GetArrayLength()));
        Assert.InRange(fiveCommands, 1, 4);
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_accounts_cost_as_many_sql_commands_as_five()
    {
        var accounts = Enumerable.Range(1, 60).SelectMany(i => DemoGraph.Customer(i).Accounts).Select(a => a.Id).ToList();
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(AccountQuery, Accounts(accounts.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(AccountQuery, Accounts(accounts.Take(50)));

        five.EnsureNoErrors();
        Assert.All(fifty.EnsureNoErrors().At("_entities").EnumerateArray(), e => Assert.True(e.GetProperty("usageSummary").GetProperty("current").GetProperty("kWh").GetDouble() > 0));
        Assert.InRange(fiveCommands, 1, 2);
        Assert.Equal(fiveCommands, fiftyCommands);
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

        two.EnsureNoErrors();
        Assert.All(twenty.EnsureNoErrors().Data.EnumerateObject(), m => Assert.Equal(24, m.Value.GetProperty("points").GetArrayLength()));
        Assert.Equal(twoCommands, twentyCommands);
    }

    private static object Locations(int count) => new
    {
        representations = Enumerable.Range(1, count).Select(i => new { __typename = "ServiceLocation", id = DemoGraph.LocationId(i) }).ToArray(),
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
