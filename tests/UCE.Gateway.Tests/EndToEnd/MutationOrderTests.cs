using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>Mutation root fields run one after another, in document order, across subgraphs.</summary>
public sealed class MutationOrderTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    [Fact]
    public async Task Mutations_on_two_subgraphs_run_in_document_order()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var account = DemoGraph.RegulatedAccountId(1);
        var location = DemoGraph.LocationId(1);
        var before = await Customer360Tests.PostAsAgentAsync(gateway, "query($id: ID!) { customer(id: $id) { accounts { id balance { amount } } } }", new { id = DemoGraph.CustomerId(1) });
        var initial = before["data"]!["customer"]!["accounts"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == account)!["balance"]!["amount"]!.GetValue<double>();
        var run = Guid.NewGuid().ToString("N");

        var response = await Customer360Tests.PostAsAgentAsync(gateway, """
            mutation Ordered($account: ID!, $location: ID!, $k1: String!, $k2: String!) {
              first: makePayment(input: { accountId: $account, amount: 10, method: CARD, idempotencyKey: $k1 }) { account { balance { amount } } }
              report1: reportOutage(input: { serviceLocationId: $location, description: "lights out" }) { outage { id reports { id } } }
              second: makePayment(input: { accountId: $account, amount: 5, method: BANK, idempotencyKey: $k2 }) { account { balance { amount } } }
              report2: reportOutage(input: { serviceLocationId: $location, description: "still out" }) { outageCreated outage { id reports { id } } }
            }
            """, new { account, location, k1 = run + "-1", k2 = run + "-2" });

        Assert.Null(response["errors"]);
        var data = response["data"]!;
        Assert.Equal(["first", "report1", "second", "report2"], data.AsObject().Select(p => p.Key));
        var afterFirst = data["first"]!["account"]!["balance"]!["amount"]!.GetValue<double>();
        var afterSecond = data["second"]!["account"]!["balance"]!["amount"]!.GetValue<double>();
        Assert.Equal(initial - 10, afterFirst, precision: 2);
        Assert.Equal(afterFirst - 5, afterSecond, precision: 2);
        Assert.Equal(data["report1"]!["outage"]!["id"]!.GetValue<string>(), data["report2"]!["outage"]!["id"]!.GetValue<string>());
        Assert.False(data["report2"]!["outageCreated"]!.GetValue<bool>());
        Assert.Equal(data["report1"]!["outage"]!["reports"]!.AsArray().Count + 1, data["report2"]!["outage"]!["reports"]!.AsArray().Count);
    }
}
