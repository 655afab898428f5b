using Microsoft.EntityFrameworkCore;
using UCE.Outages;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// N+1 guards: a query costs the same, exact number of SQL commands (one per DataLoader it reaches) for 5 parents as
/// for 50 distinct ones. The demo set is extended to 300 locations (30 feeders) so that 50 parents are real rows.
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

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(LocationIds(50), entities.Select(e => e.GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.NotEqual(0, e.GetProperty("outageHistory").GetArrayLength()));

        // Grid connections, outages by location (current and history share it), then the outages' status history,
        // reports and affected locations, then the grid connections of the reports' locations (their owners are
        // checked before a location is shown).
        Assert.Equal(6, fiveCommands);
        Assert.Equal(6, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_customers_active_outage_counts_cost_one_sql_command_like_five()
    {
        const string Query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id activeOutageCount } } }";
        var ids = Enumerable.Range(1, 50).Select(DemoGraph.CustomerId).ToList();
        object Customers(IEnumerable<string> customerIds) => new { r = customerIds.Select(id => new { __typename = "Customer", id }).ToArray() };

        var (_, fiveCommands) = await fixture.Host.MeasureAsync(Query, Customers(ids.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(Query, Customers(ids));

        Dictionary<string, int> expected;
        await using (var db = fixture.Host.CreateDbContext<OutagesDbContext>())
        {
            var active = (await db.Outages.AsNoTracking().ToListAsync()).Where(o => o.IsActive).Select(o => o.Id).ToHashSet();
            var hit = (await db.OutageLocations.AsNoTracking().ToListAsync()).Where(l => active.Contains(l.OutageId)).ToList();
            var owners = await db.GridConnections.AsNoTracking().ToDictionaryAsync(c => c.LocationId, c => c.CustomerId);
            expected = hit.GroupBy(l => owners[l.LocationId]).ToDictionary(g => g.Key, g => g.Select(l => l.OutageId).Distinct().Count());
        }

        var answered = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(ids, answered.Select(c => c.GetProperty("id").GetString()));
        Assert.Contains(answered, c => c.GetProperty("activeOutageCount").GetInt32() > 0);
        Assert.All(answered, c => Assert.Equal(expected.GetValueOrDefault(c.GetProperty("id").GetString()!), c.GetProperty("activeOutageCount").GetInt32()));
        Assert.Equal(1, fiveCommands);
        Assert.Equal(1, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_outage_representations_cost_as_many_sql_commands_as_five()
    {
        var ids = Enumerable.Range(1, 30).SelectMany(f => new[] { $"out-{f:D6}-01", $"out-{f:D6}-02" }).ToList();
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(OutageQuery, Outages(ids.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(OutageQuery, Outages(ids.Take(50)));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(ids.Take(50), entities.Select(e => e.GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.NotEqual(0, e.GetProperty("statusHistory").GetArrayLength()));

        // Outages by id, then status history, reports and affected locations.
        Assert.Equal(4, fiveCommands);
        Assert.Equal(4, fiftyCommands);
    }

    [Fact]
    public async Task Active_outages_cost_the_same_sql_commands_whatever_the_page_size()
    {
        const string query = "query($first: Int) { activeOutages(first: $first) { id statusHistory { status } reports { id } affectedLocations { id } } }";
        var (one, oneCommands) = await fixture.Host.MeasureAsync(query, new { first = 1 });
        var (all, allCommands) = await fixture.Host.MeasureAsync(query, new { first = 50 });

        Assert.Single(one.EnsureNoErrors().At("activeOutages").EnumerateArray());
        Assert.True(all.EnsureNoErrors().At("activeOutages").GetArrayLength() > 1);

        // The page query, then status history, reports and affected locations.
        Assert.Equal(4, oneCommands);
        Assert.Equal(4, allCommands);
    }

    private static List<string> LocationIds(int count) => Enumerable.Range(1, count).Select(i => DemoGraph.LocationId(i * 5)).ToList();

    private static object Locations(int count) => new
    {
        representations = LocationIds(count).Select(id => new { __typename = "ServiceLocation", id }).ToArray(),
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
