using System.Globalization;
using System.Text.Json;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary>The demo set is written as of the day it is seeded: a year of bills up to the latest one issued, some overdue by then.</summary>
public sealed class BillingDemoTimelineTests
{
    private const string AccountBills = """
        query($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Account { id balance { updatedAt } bills(first: 100) { nodes { id periodStart issuedAt dueDate status amountDue } } payments(first: 100) { at } }
          }
        }
        """;

    [Theory]
    [InlineData("2031-03-05")]
    [InlineData("2031-03-20")]
    [InlineData("2028-01-01")]
    public async Task Bills_seeded_on_a_day_were_issued_before_it_and_some_are_overdue_by_then(string seededOn)
    {
        var day = DateOnly.Parse(seededOn, CultureInfo.InvariantCulture);
        var dayStart = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var database = await PostgresDatabase.CreateAsync("billing_timeline");
        await using var host = await SubgraphTestHost.StartAsync(new BillingSubgraph(), database.ConnectionString, clock: new FixedClock(day, 15, 30));

        var accounts = (await host.As(TestCallers.Agent).PostAsync(AccountBills, Representations())).EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        var bills = accounts.SelectMany(a => a.GetProperty("bills").GetProperty("nodes").EnumerateArray()).ToList();
        var payments = accounts.SelectMany(a => a.GetProperty("payments").EnumerateArray()).ToList();

        Assert.All(accounts, account => Assert.True(Utc(account.GetProperty("balance").GetProperty("updatedAt")) <= dayStart));
        Assert.All(bills, bill => Assert.True(Utc(bill.GetProperty("issuedAt")) < dayStart, $"{bill.GetProperty("id")} is issued after {day}."));
        Assert.All(payments, payment => Assert.True(Utc(payment.GetProperty("at")) < dayStart));
        var latest = IsoUtc.Date(BillingSeed.LatestPeriod(day));
        Assert.All(accounts, account => Assert.Equal(latest, account.GetProperty("bills").GetProperty("nodes")[0].GetProperty("periodStart").GetString()));
        // Issued on the 8th of the month after its period, the day before at the latest.
        Assert.InRange(DateOnly.Parse(latest, CultureInfo.InvariantCulture), day.AddDays(-8).AddMonths(-2), day.AddDays(-8).AddMonths(-1));

        var overdue = bills.Where(b => b.GetProperty("status").GetString() == "OVERDUE").ToList();
        Assert.NotEmpty(overdue);
        Assert.All(overdue, bill => Assert.True(Date(bill.GetProperty("dueDate")) < day));
        Assert.All(overdue, bill => Assert.True(bill.GetProperty("amountDue").GetDouble() > 0));
        Assert.All(
            bills.Where(b => b.GetProperty("status").GetString() == "ISSUED"),
            bill => Assert.True(Date(bill.GetProperty("dueDate")) >= day, $"{bill.GetProperty("id")} is unpaid past its due date but not overdue."));
    }

    [Fact]
    public async Task Demo_set_is_the_same_whenever_on_its_day_it_is_seeded()
    {
        var day = new DateOnly(2031, 3, 20);
        await using var early = await SubgraphTestHost.StartAsync(new BillingSubgraph(), connectionString: null, clock: new FixedClock(day, 0, 5));
        await using var late = await SubgraphTestHost.StartAsync(new BillingSubgraph(), connectionString: null, clock: new FixedClock(day, 23, 55));

        var earlyBody = (await early.As(TestCallers.Agent).PostAsync(AccountBills, Representations())).EnsureNoErrors().Body;
        var lateBody = (await late.As(TestCallers.Agent).PostAsync(AccountBills, Representations())).EnsureNoErrors().Body;

        Assert.Equal(earlyBody, lateBody);
    }

    private static object Representations() => new
    {
        r = Enumerable.Range(1, DemoGraph.DemoCustomerCount)
            .SelectMany(i => DemoGraph.Customer(i).Accounts)
            .Select(account => new { __typename = "Account", id = account.Id })
            .ToArray(),
    };

    private static DateTime Utc(JsonElement value) =>
        DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateOnly Date(JsonElement value) => DateOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
