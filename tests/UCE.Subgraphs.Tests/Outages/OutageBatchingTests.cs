using UCE.Outages;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// N+1 guards: the SQL commands a query costs do not grow with the number of parents. The demo set is extended to
/// 300 locations (30 feeders) so that 50 parents are real rows.
/// </summary>
public sealed class OutageBatchingTests(OutageBatchingTests.ExtendedFixture fixture) : IClassFixture<OutageBatchingTests.ExtendedFixture>
{
    private const string LocationQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on ServiceLocation {
              id
              currentOutage { id statusHistory { status } reports { id } affectedLocations { id } }
              outageHistory(first: 10) { id statusHistory { status } reports { id serviceLocation { id } } affectedLocations { id } }
            }
          }
        }
        """;

    private const string OutageQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Outage { id statusHistory { status } reports { id } affectedLocations { id } }
          }
        }
        """;

    [Fact]
    public async Task Fifty_service_locations_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(LocationQuery, Locations(5));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(LocationQuery, Locations(50));

        five.EnsureNoErrors();
        fifty.EnsureNoErrors();
        Assert.All(fifty.At("_entities").EnumerateArray(), e => Assert.NotEqual(0, e.GetProperty("outageHistory").GetArrayLength()));
        Assert.True(fiveCommands > 0);
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_outage_representations_cost_as_many_sql_commands_as_five()
    {
        var ids = Enumerable.Range(1, 30).SelectMany(f => new[] { $"out-{f:D6}-01", $"out-{f:D6}-02" }).ToList();
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(OutageQuery, Outages(ids.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(OutageQuery, Outages(ids.Take(50)));

        five.EnsureNoErrors();
        Assert.All(fifty.EnsureNoErrors().At("_entities").EnumerateArray(), e => Assert.NotEqual(0, e.GetProperty("statusHistory").GetArrayLength()));
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Active_outages_cost_the_same_sql_commands_whatever_the_page_size()
    {
        const string query = "query($first: Int) { activeOutages(first: $first) { id statusHistory { status } reports { id } affectedLocations { id } } }";
        var (one, oneCommands) = await fixture.Host.MeasureAsync(query, new { first = 1 });
        var (all, allCommands) = await fixture.Host.MeasureAsync(query, new { first = 50 });

        Assert.Single(one.EnsureNoErrors().At("activeOutages").EnumerateArray());
        Assert.True(all.EnsureNoErrors().At("activeOutages").GetArrayLength() > 1);
        Assert.Equal(oneCommands, allCommands);
    }

    private static object Locations(int count) => new
    {
        representations = Enumerable.Range(1, count).Select(i => new { __typename = "ServiceLocation", id = DemoGraph.LocationId(i * 5) }).ToArray(),
    };

    private static object Outages(IEnumerable<string> ids) => new
    {
        representations = ids.Select(id => new { __typename = "Outage", id }).ToArray(),
    };

    /// <summary>The demo set plus customers 41–300, seeded as the generator does, in one chunk.</summary>
    public sealed class ExtendedFixture : SubgraphFixture<OutagesSubgraph>, IAsyncLifetime
    {
        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await using var db = Host.CreateDbContext<OutagesDbContext>();
            await new OutagesSubgraph().SeedAsync(db, Host.Demo.Slice(41, 260), CancellationToken.None);
        }
    }
}
