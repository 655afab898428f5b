using UCE.Service;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>
/// N+1 guards for the service subgraph: the exact SQL command count for 5 and for 50 distinct parents of every list
/// field. The demo set is extended to 300 customers.
/// </summary>
public sealed class CaseBatchingTests(CaseBatchingTests.ExtendedFixture fixture) : IClassFixture<CaseBatchingTests.ExtendedFixture>
{
    private const string CaseSelection = "id status notes { id body } survey { score } surveyOffered account { id } bill { id } outage { id } enrollment { id } customer { id }";

    [Fact]
    public async Task Fifty_customers_cases_cost_as_many_sql_commands_as_five()
    {
        var query = $"query($r: [_Any!]!) {{ _entities(representations: $r) {{ ... on Customer {{ id cases {{ {CaseSelection} }} }} }} }}";

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, Representations("Customer", CustomerIds(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, Representations("Customer", CustomerIds(50)));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var customers = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(CustomerIds(50), customers.Select(c => c.GetProperty("id").GetString()));
        Assert.True(customers.Count(c => c.GetProperty("cases").GetArrayLength() > 0) > 25);

        // Customer profiles, their cases, then the notes and the surveys of all cases (one level, one query each).
        Assert.Equal(4, fiveCommands);
        Assert.Equal(4, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_accounts_and_fifty_outages_cases_cost_as_many_sql_commands_as_five()
    {
        var accounts = CustomerIndexes(50).Select(DemoGraph.RegulatedAccountId).ToList();
        var outages = Enumerable.Range(1, 50).Select(feeder => $"out-{feeder:D6}-01").ToList();
        const string AccountQuery = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id cases { id notes { id } } } } }";
        const string OutageQuery = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Outage { id cases { id notes { id } } } } }";

        var (_, fiveAccounts) = await fixture.Host.MeasureAsync(AccountQuery, Representations("Account", accounts.Take(5)));
        var (fiftyAccountsResponse, fiftyAccounts) = await fixture.Host.MeasureAsync(AccountQuery, Representations("Account", accounts));
        var (_, fiveOutages) = await fixture.Host.MeasureAsync(OutageQuery, Representations("Outage", outages.Take(5)));
        var (fiftyOutagesResponse, fiftyOutages) = await fixture.Host.MeasureAsync(OutageQuery, Representations("Outage", outages));

        Assert.Contains(fiftyAccountsResponse.EnsureNoErrors().At("_entities").EnumerateArray(), a => a.GetProperty("cases").GetArrayLength() > 0);
        Assert.Contains(fiftyOutagesResponse.EnsureNoErrors().At("_entities").EnumerateArray(), o => o.GetProperty("cases").GetArrayLength() > 0);

        // The cases of all parents, then the notes of all cases.
        Assert.Equal(2, fiveAccounts);
        Assert.Equal(2, fiftyAccounts);
        Assert.Equal(2, fiveOutages);
        Assert.Equal(2, fiftyOutages);
    }

    [Fact]
    public async Task Fifty_customers_next_best_actions_cost_as_many_sql_commands_as_five()
    {
        const string Query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id nextBestActions { rank kind case { id notes { id } } } } } }";
        object Facts(IEnumerable<string> ids) => new
        {
            r = ids.Select(id => new { __typename = "Customer", id, overdueBalance = 250.0, activeOutageCount = 1, nextOfferExpiry = (DateTime?)null }).ToArray(),
        };

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(Query, Facts(CustomerIds(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(Query, Facts(CustomerIds(50)));

        Assert.All(five.EnsureNoErrors().At("_entities").EnumerateArray(), c => Assert.NotEqual(0, c.GetProperty("nextBestActions").GetArrayLength()));
        Assert.Equal(50, fifty.EnsureNoErrors().At("_entities").GetArrayLength());

        // Customer profiles, their cases, the notes of the cases the actions point at (which of five customers have a case
        // near its SLA depends on the hour the demo set is looked at; of fifty some always do).
        Assert.InRange(fiveCommands, 2, 3);
        Assert.Equal(3, fiftyCommands);
    }

    [Fact]
    public async Task A_work_list_page_of_fifty_costs_as_many_sql_commands_as_a_page_of_five()
    {
        const string Query = "query($first: Int) { queueWorkList(queue: BILLING, first: $first) { totalCount nodes { id notes { id } survey { score } } } }";

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(Query, new { first = 5 });
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(Query, new { first = 50 });

        Assert.Equal(5, five.EnsureNoErrors().At("queueWorkList", "nodes").GetArrayLength());
        Assert.Equal(50, fifty.EnsureNoErrors().At("queueWorkList", "nodes").GetArrayLength());

        // The count, the page, then the notes and surveys of its cases.
        Assert.Equal(4, fiveCommands);
        Assert.Equal(4, fiftyCommands);
    }

    private static IEnumerable<int> CustomerIndexes(int count) => Enumerable.Range(1, count).Select(i => i * 5);

    private static List<string> CustomerIds(int count) => CustomerIndexes(count).Select(DemoGraph.CustomerId).ToList();

    private static object Representations(string typeName, IEnumerable<string> ids) => new
    {
        r = ids.Select(id => new { __typename = typeName, id }).ToArray(),
    };

    /// <summary>The demo set plus customers 41–300, seeded as the generator does, in one chunk.</summary>
    public sealed class ExtendedFixture : SubgraphFixture<ServiceSubgraph>, IAsyncLifetime
    {
        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await using var db = Host.CreateDbContext<ServiceDbContext>();
            await new ServiceSubgraph().SeedAsync(db, Host.Demo.Slice(41, 260), CancellationToken.None);
        }
    }
}
