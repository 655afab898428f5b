using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary>
/// N+1 guards: a billing query costs the same, exact number of SQL commands (one per DataLoader it reaches) for 5
/// parents as for 50 distinct ones (the demo set has 53 accounts).
/// </summary>
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

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(Accounts.Take(50).Select(a => a.Id), entities.Select(e => e.GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.Equal(3, e.GetProperty("bills").GetProperty("nodes").GetArrayLength()));
        Assert.All(entities, e => Assert.Equal(2, e.GetProperty("older").GetProperty("nodes").GetArrayLength()));
        Assert.All(entities, e => Assert.Equal(2, e.GetProperty("payments").GetArrayLength()));

        // Accounts by id, the first bill page, the older page (another cursor, so another window), recent payments,
        // line items; bills.account reuses the accounts already loaded and payments.account needs only the id.
        Assert.Equal(5, fiveCommands);
        Assert.Equal(5, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_customers_overdue_balances_cost_one_sql_command_like_five()
    {
        const string Query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id overdueBalance } } }";
        var ids = Enumerable.Range(1, 50).Select(DemoGraph.CustomerId).ToList();
        object Customers(IEnumerable<string> customerIds) => new { r = customerIds.Select(id => new { __typename = "Customer", id }).ToArray() };

        var (_, fiveCommands) = await fixture.Host.MeasureAsync(Query, Customers(ids.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(Query, Customers(ids));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Dictionary<string, decimal> expected;
        await using (var db = fixture.Host.CreateDbContext<BillingDbContext>())
        {
            var owners = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.CustomerId);
            var bills = await db.Bills.AsNoTracking().ToListAsync();
            expected = bills
                .Where(b => b.DueDate < today && b.AmountMinor > b.PaidMinor)
                .GroupBy(b => owners[b.AccountId])
                .ToDictionary(g => g.Key, g => g.Sum(b => b.AmountMinor - b.PaidMinor) / 100m);
        }

        var answered = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(ids, answered.Select(c => c.GetProperty("id").GetString()));
        Assert.Contains(answered, c => c.GetProperty("overdueBalance").GetDecimal() > 0);
        Assert.All(answered, c => Assert.Equal(expected.GetValueOrDefault(c.GetProperty("id").GetString()!), c.GetProperty("overdueBalance").GetDecimal()));
        Assert.Equal(1, fiveCommands);
        Assert.Equal(1, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_accounts_by_number_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(AccountQuery, Representations(Accounts.Take(5).Select(a => new { __typename = "Account", number = a.Number })));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(AccountQuery, Representations(Accounts.Take(50).Select(a => new { __typename = "Account", number = a.Number })));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        Assert.Equal(
            Accounts.Take(50).Select(a => a.Id),
            fifty.EnsureNoErrors().At("_entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        // As by id, plus one: bills.account asks the by-id loader, which the by-number lookup did not fill.
        Assert.Equal(6, fiveCommands);
        Assert.Equal(6, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_bills_cost_as_many_sql_commands_as_five()
    {
        var bills = Accounts.Take(50).Select(a => new { __typename = "Bill", id = $"bil-{a.Id[4..]}-202607" }).ToList();
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(BillQuery, Representations(bills.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(BillQuery, Representations(bills));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(bills.Select(b => b.id), entities.Select(e => e.GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.NotEqual(0, e.GetProperty("lineItems").GetArrayLength()));

        // Bills by id, line items, the bills' accounts, the accounts' recent payments.
        Assert.Equal(4, fiveCommands);
        Assert.Equal(4, fiftyCommands);
    }

    [Fact]
    public async Task Twenty_aliased_bill_lookups_cost_as_many_sql_commands_as_two()
    {
        static string Query(int count) =>
            "{ " + string.Concat(Accounts.Take(count).Select((a, i) => $"b{i}: bill(id: \"bil-{a.Id[4..]}-202609\") {{ id lineItems {{ amount }} }} ")) + "}";

        var (two, twoCommands) = await fixture.Host.MeasureAsync(Query(2));
        var (twenty, twentyCommands) = await fixture.Host.MeasureAsync(Query(20));

        Assert.Equal(2, two.EnsureNoErrors().Data.EnumerateObject().Count(b => b.Value.ValueKind == JsonValueKind.Object));
        Assert.Equal(20, twenty.EnsureNoErrors().Data.EnumerateObject().Count(b => b.Value.ValueKind == JsonValueKind.Object));

        // Root fields of one level share the loaders too: bills by id, then their line items.
        Assert.Equal(2, twoCommands);
        Assert.Equal(2, twentyCommands);
    }

    private static object Representations<T>(IEnumerable<T> representations) => new { representations = representations.ToArray() };
}
