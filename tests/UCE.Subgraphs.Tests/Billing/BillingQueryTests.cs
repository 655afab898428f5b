using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary>The billing subgraph's queries and entity resolution over the demo set on PostgreSQL.</summary>
public sealed class BillingQueryTests(SubgraphFixture<BillingSubgraph> fixture) : IClassFixture<SubgraphFixture<BillingSubgraph>>
{
    private const string AccountEntitiesQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Account {
              id
              number
              balance { amount currency }
              autopay { enabled method dayOfMonth }
            }
          }
        }
        """;

    [Fact]
    public async Task Bill_by_id_returns_its_period_amounts_status_and_line_items()
    {
        // Two bills before the latest: paid in full, whatever day the demo set was written.
        var period = BillingSeed.LatestPeriod(fixture.Host.DemoDate).AddMonths(-2);
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($id: ID!) {
              bill(id: $id) {
                id periodStart periodEnd issuedAt dueDate amount amountPaid amountDue status
                account { id number }
                lineItems { description kind amount }
              }
            }
            """,
            new { id = $"bil-000007-r-{period:yyyyMM}" })).EnsureNoErrors();

        var bill = response.At("bill");
        Assert.Equal(IsoUtc.Date(period), bill.GetProperty("periodStart").GetString());
        Assert.Equal(IsoUtc.Date(period.AddMonths(1).AddDays(-1)), bill.GetProperty("periodEnd").GetString());
        Assert.Equal(IsoUtc.Date(period.AddMonths(1).AddDays(7 + 21)), bill.GetProperty("dueDate").GetString());
        Assert.Equal("acc-000007-r", bill.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal("1000000007", bill.GetProperty("account").GetProperty("number").GetString());
        Assert.Equal("PAID", bill.GetProperty("status").GetString());
        Assert.Equal(0, bill.GetProperty("amountDue").GetDouble());
        var lines = bill.GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal(["ENERGY", "DELIVERY", "CUSTOMER_CHARGE", "TAX"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal(bill.GetProperty("amount").GetDouble(), lines.Sum(l => l.GetProperty("amount").GetDouble()), 2);
    }

    [Fact]
    public async Task Unknown_bill_id_is_an_error_with_code_BILL_NOT_FOUND()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("""{ bill(id: "bil-nope") { id } }""");

        Assert.Equal(["BILL_NOT_FOUND"], response.ErrorCodes);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.At("bill").ValueKind);
    }

    [Fact]
    public async Task Account_bills_come_newest_first_and_the_cursor_pages_through_all_of_them()
    {
        const string query = """
            query($representations: [_Any!]!, $after: String) {
              _entities(representations: $representations) {
                ... on Account { bills(first: 5, after: $after) { edges { cursor node { id periodStart } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
              }
            }
            """;
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var response = (await fixture.As(TestCallers.Agent).PostAsync(query, new { representations = new[] { new { __typename = "Account", id = "acc-000004-r" } }, after })).EnsureNoErrors();
            var bills = response.At("_entities", 0, "bills");
            seen.AddRange(bills.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("periodStart").GetString()!));
            Assert.Equal(after is not null, bills.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            pages++;
            if (!bills.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = bills.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(BillingSeed.BillsPerAccount, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.OrderByDescending(s => s, StringComparer.Ordinal), seen);
        Assert.Equal(IsoUtc.Date(BillingSeed.LatestPeriod(fixture.Host.DemoDate)), seen[0]);
    }

    [Fact]
    public async Task A_cursor_that_was_not_returned_is_an_error_with_code_CURSOR_INVALID()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            """query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { bills(after: "not-a-cursor") { nodes { id } } } } }""",
            new { r = new[] { new { __typename = "Account", id = "acc-000004-r" } } });

        Assert.Contains("CURSOR_INVALID", response.ErrorCodes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(101)]
    public async Task A_page_size_outside_1_to_100_is_an_error_with_code_PAGE_SIZE_INVALID(int first)
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            """query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Account { bills(first: $first) { nodes { id } } payments(first: $first) { id } } } }""",
            new { r = new[] { new { __typename = "Account", id = "acc-000004-r" } }, first });

        Assert.Equal(["PAGE_SIZE_INVALID", "PAGE_SIZE_INVALID"], response.ErrorCodes);
    }

    [Fact]
    public async Task Entities_resolve_accounts_by_id_and_by_number_and_unknown_ones_to_null()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(AccountEntitiesQuery, new
        {
            representations = new object[]
            {
                new { __typename = "Account", id = "acc-000006-r" },
                new { __typename = "Account", number = "2000000006" },
                new { __typename = "Account", id = "acc-999999-r" },
                new { __typename = "Account", number = "0000000000" },
            },
        })).EnsureNoErrors();

        var entities = response.At("_entities").EnumerateArray().ToList();
        Assert.Equal("acc-000006-r", entities[0].GetProperty("id").GetString());
        Assert.Equal("1000000006", entities[0].GetProperty("number").GetString());
        Assert.Equal("acc-000006-n", entities[1].GetProperty("id").GetString());
        Assert.Equal("2000000006", entities[1].GetProperty("number").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entities[2].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entities[3].ValueKind);
    }

    [Fact]
    public async Task An_account_representation_without_a_key_is_a_bad_user_input_error()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(AccountEntitiesQuery, new { representations = new[] { new { __typename = "Account" } } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Entities_resolve_bills_by_id()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """query($r: [_Any!]!) { _entities(representations: $r) { ... on Bill { id status account { id } } } }""",
            new { r = new[] { new { __typename = "Bill", id = "bil-000002-r-202605" }, new { __typename = "Bill", id = "bil-none" } } })).EnsureNoErrors();

        Assert.Equal("acc-000002-r", response.At("_entities", 0, "account", "id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.At("_entities", 1).ValueKind);
    }

    [Fact]
    public async Task Every_balance_equals_what_is_still_due_on_the_account_bills()
    {
        var accounts = fixture.Host.Demo.Customers().SelectMany(c => c.Accounts).Select(a => a.Id).ToList();
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id balance { amount } bills(first: 100) { nodes { amountDue } } } } }""",
            new { r = accounts.Select(id => new { __typename = "Account", id }).ToArray() })).EnsureNoErrors();

        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        var stored = await db.Accounts.ToDictionaryAsync(a => a.Id, a => a.BalanceMinor);
        var owing = 0;
        foreach (var account in response.At("_entities").EnumerateArray())
        {
            var due = account.GetProperty("bills").GetProperty("nodes").EnumerateArray().Sum(b => b.GetProperty("amountDue").GetDouble());
            var balance = account.GetProperty("balance").GetProperty("amount").GetDouble();
            Assert.Equal(due, balance, 2);
            Assert.Equal(stored[account.GetProperty("id").GetString()!] / 100.0, balance, 2);
            owing += balance > 0 ? 1 : 0;
        }

        Assert.InRange(owing, 1, accounts.Count - 1);
    }

    [Fact]
    public async Task Payments_come_newest_first_and_every_account_has_some()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { payments(first: 3) { id at amount method status account { id } } } } }""",
            new { r = Enumerable.Range(1, 10).Select(i => new { __typename = "Account", id = DemoGraph.RegulatedAccountId(i) }).ToArray() })).EnsureNoErrors();

        var i = 0;
        foreach (var account in response.At("_entities").EnumerateArray())
        {
            i++;
            var payments = account.GetProperty("payments").EnumerateArray().ToList();
            Assert.Equal(3, payments.Count);
            var times = payments.Select(p => p.GetProperty("at").GetDateTime()).ToList();
            Assert.Equal(times.OrderByDescending(t => t), times);
            Assert.All(payments, p => Assert.Equal(DemoGraph.RegulatedAccountId(i), p.GetProperty("account").GetProperty("id").GetString()));
            Assert.All(payments, p => Assert.True(p.GetProperty("amount").GetDouble() > 0));
        }
    }

    [Fact]
    public async Task Billing_schema_file_matches_the_code() =>
        await SubgraphSchemaFile.AssertMatchesAsync(new BillingSubgraph());
}
