using UCE.Gateway.Tests.EndToEnd;

namespace UCE.Gateway.Tests.Resilience;

/// <summary>
/// A dead subgraph behind the real gateway and the six live UCE subgraphs: its part of the customer 360 fails with partial
/// data, then — its circuit open — fails at once with <c>SUBGRAPH_UNAVAILABLE</c>, while the other parts keep coming.
/// </summary>
public sealed class DeadSubgraphTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    private const string Query = """query($id: ID!) { customer(id: $id) { name accounts { number balance { amount } } offers { id } } }""";

    [Fact]
    public async Task A_dead_subgraph_gives_partial_data_then_fails_fast_once_its_circuit_opens()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(new Dictionary<string, string?>
        {
            // Nothing listens on port 1: every connection to "products" is refused.
            ["Gateway:Subgraphs:products:Url"] = "http://127.0.0.1:1/graphql",
            ["Gateway:Resilience:MinimumThroughput"] = "3",
            ["Gateway:Resilience:BreakDuration"] = "00:01:00",
            ["Gateway:Resilience:RetryDelay"] = "00:00:00.001",
        });

        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Customer360Tests.PostAsAgentAsync(gateway, Query, new { id = "cus-000001" });
            Assert.Equal("Ethan Schmidt", response["data"]!["customer"]!["name"]!.GetValue<string>());
            Assert.NotEmpty(response["data"]!["customer"]!["accounts"]!.AsArray());
            Assert.NotNull(response["data"]!["customer"]!["accounts"]![0]!["balance"]);
            var error = Assert.Single(response["errors"]!.AsArray())!;
            Assert.Equal(["customer", "offers"], error["path"]!.AsArray().Select(p => p!.ToString()));
            codes.Add(error["extensions"]!["code"]!.GetValue<string>());
        }

        Assert.Equal(["SUBGRAPH_REQUEST_FAILED", "SUBGRAPH_REQUEST_FAILED", "SUBGRAPH_REQUEST_FAILED", "SUBGRAPH_UNAVAILABLE", "SUBGRAPH_UNAVAILABLE"], codes);
    }
}
