using UCE.Billing;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary>N+1 guards: the SQL commands a billing query costs do not grow with the number of parents (the demo set has 53 accounts).</summary>
public sealed class BillingBatchingTests(SubgraphFixture<BillingSubgraph> fixture) : IClassFixture<SubgraphFixture<BillingSubgraph>>
{
    private const string AccountQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Account {
              id number
              balance { amount }
              autopay { enabled }
              bills(first: 3) { nodes { id amount lineItems { kind amount } account { id number } } pageInfo { endCursor } }
              older: bills(first: 2, after: "YmlsbDoyMDI2LTA2LTAx") { nodes { id lineItems { amount } } }
              payments(first: 2) { id amount account { id } }
            }
          }
        }
        """;

    private const string BillQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Bill { id amount lineItems { kind amount } account { id balance { amount } payments(first: 1) { id } } }
          }
        }
        """;

    private static readonly List<DemoAccount> Accounts = Enumerable.Range(1, DemoGraph.DemoCustomerCount).Select(DemoGraph.Customer).SelectMany(c => c.Accounts).ToList();

    [Fact]
    public async Task Fifty_accounts_by_id_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(AccountQuery, Representations(Accounts.Take(5).Select(a => new { __typename = "Account", id = a.Id })));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(AccountQuery, Representations(Accounts.Take(50).Select(a => new { __typename = "Account", id = a.Id })));

        five.EnsureNoErrors();
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(50, entities.Count);
        Assert.All(entities, e => Assert.Equal(3, e.GetProperty("bills").GetProperty("nodes").GetArrayLength()));
        Assert.All(entities, e => Assert.Equal(2, e.GetProperty("older").GetProperty("nodes").GetArrayLength()));
        Assert.All(entities, e => Assert.Equal(2, e.GetProperty("payments").GetArrayLength()));
        Assert.InRange(fiveCommands, 1, 8);
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_accounts_by_number_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(AccountQuery, Representations(Accounts.Take(5).Select(a => new { __typename = "Account", number = a.Number })));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(AccountQuery, Representations(Accounts.Take(50).Select(a => new { __typename = "Account", number = a.Number })));

        five.EnsureNoErrors();
        Assert.Equal(
            Accounts.Take(50).Select(a => a.Id),
            fifty.EnsureNoErrors().At("_entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_bills_cost_as_many_sql_commands_as_five()
    {
        var bills = Accounts.Take(50).Select(a => new { __typename = "Bill", id = $"bil-{a.Id[4..]}-202607" }).ToList();
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(BillQuery, Representations(bills.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(BillQuery, Representations(bills));

        five.EnsureNoErrors();
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.All(entities, e => Assert.NotEqual(0, e.GetProperty("lineItems").GetArrayLength()));
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Twenty_aliased_bill_lookups_cost_as_many_sql_commands_as_two()
    {
        static string Query(int count) =>
            "{ " + string.Concat(Accounts.Take(count).Select((a, i) => $"b{i}: bill(id: \"bil-{a.Id[4..]}-202609\") {{ id lineItems {{ amount }} }} ")) + "}";

        var (two, twoCommands) = await fixture.Host.MeasureAsync(Query(2));
        var (twenty, twentyCommands) = await fixture.Host.MeasureAsync(Query(20));

        two.EnsureNoErrors();
        Assert.Equal(20, twenty.EnsureNoErrors().Data.EnumerateObject().Count());
        Assert.Equal(twoCommands, twentyCommands);
    }

    private static object Representations<T>(IEnumerable<T> representations) => new { representations = representations.ToArray() };
}
