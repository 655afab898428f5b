using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary>The embedded default: no connection string, an SQLite file, the demo set seeded on start.</summary>
public sealed class BillingEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_set_and_takes_payments_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new BillingSubgraph(), connectionString: null);

        var response = (await host.As(TestCallers.Agent).PostAsync(
            """
            query($r: [_Any!]!) {
              _entities(representations: $r) {
                ... on Account { id balance { amount } bills(first: 2) { nodes { id periodStart issuedAt lineItems { kind } } } payments(first: 2) { at } }
              }
            }
            """,
            new { r = new[] { new { __typename = "Account", number = "1000000021" } } })).EnsureNoErrors();

        Assert.Equal("acc-000021-r", response.At("_entities", 0, "id").GetString());
        Assert.Equal(IsoUtc.Date(BillingSeed.LatestPeriod(host.DemoDate)), response.At("_entities", 0, "bills", "nodes", 0, "periodStart").GetString());
        Assert.EndsWith("Z", response.At("_entities", 0, "bills", "nodes", 0, "issuedAt").GetString(), StringComparison.Ordinal);
        var times = response.At("_entities", 0, "payments").EnumerateArray().Select(p => p.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var paid = (await host.As(TestCallers.Agent).PostAsync(
            """mutation { makePayment(input: { accountId: "acc-000021-r", amount: 5, method: WALLET, idempotencyKey: "embedded-1" }) { account { balance { amount } } } }"""))
            .EnsureNoErrors();
        Assert.Equal(
            response.At("_entities", 0, "balance", "amount").GetDouble() - 5,
            paid.At("makePayment", "account", "balance", "amount").GetDouble(),
            2);
    }
}
