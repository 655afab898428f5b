using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary>The generator's PostgreSQL bulk path (binary COPY) writes the same rows the seed describes.</summary>
public sealed class BillingGeneratorTests
{
    [Fact]
    public async Task Generator_copies_every_row_of_the_requested_customers_with_balances_that_match_the_bills()
    {
        await using var database = await PostgresDatabase.CreateAsync("billing_generator");
        var graph = new DemoGraph(90, DemoGraph.Today(TimeProvider.System), 1_001);

        var report = await SubgraphHost.GenerateAsync(new BillingSubgraph(), new SubgraphHostOptions { ConnectionString = database.ConnectionString }, graph, null, CancellationToken.None);

        Assert.NotNull(report);
        var expected = BillingSeed.Generate(graph);
        Assert.Equal((long)expected.Accounts.Count, await database.ScalarAsync("SELECT count(*) FROM billing_accounts"));
        Assert.Equal((long)expected.Bills.Count, await database.ScalarAsync("SELECT count(*) FROM bills"));
        Assert.Equal((long)expected.LineItems.Count, await database.ScalarAsync("SELECT count(*) FROM bill_line_items"));
        Assert.Equal((long)expected.Payments.Count, await database.ScalarAsync("SELECT count(*) FROM payments"));
        Assert.Equal(
            await database.ScalarAsync("""SELECT sum("AmountMinor" - "PaidMinor") FROM bills"""),
            await database.ScalarAsync("""SELECT sum("BalanceMinor") FROM billing_accounts"""));
        Assert.Equal("Overdue", await database.ScalarAsync("""SELECT min("Status") FROM bills WHERE "Status" = 'Overdue'"""));
        Assert.Equal(0L, await database.ScalarAsync("""SELECT count(*) FROM bills WHERE "IssuedAt" <> ("PeriodStart" + interval '1 month 7 days' + interval '6 hours') AT TIME ZONE 'UTC'"""));
    }
}
