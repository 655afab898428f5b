using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>How the gateway's subscriptions end when the subgraph refuses, completes or fails under them.</summary>
public sealed class SubscriptionFailureTests : IAsyncLifetime
{
    private const string StatusChanged = "subscription($id: ID!) { outageStatusChanged(outageId: $id) { id status } }";

    private FakeSubscriptionSubgraph _outages = null!;
    private GatewayTestHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _outages = await FakeSubscriptionSubgraph.StartAsync();
        _gateway = await _outages.StartGatewayAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _outages.DisposeAsync();
    }

    [Fact]
    public async Task A_refusal_by_the_subgraph_reaches_the_client_with_the_subgraphs_errors_then_complete()
    {
        await using var client = await ConnectAsync();

        await client.SubscribeAsync("r", StatusChanged, new { id = "refuse" });
        var refused = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", refused.GetProperty("type").GetString());
        var payload = JsonNode.Parse(refused.GetProperty("payload").GetRawText())!;
        Assert.Null(payload["data"]!["outageStatusChanged"]);
        Assert.Equal("FORBIDDEN", payload["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Not for you.", payload["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_connection_that_fails_under_a_subscription_ends_it_with_an_error()
    {
        await using var client = await ConnectAsync();

        await client.SubscribeAsync("d", StatusChanged, new { id = "drop" });
        var first = await client.ReceiveAsync();
        var failed = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("drop", first.GetProperty("payload").GetProperty("data").GetProperty("outageStatusChanged").GetProperty("id").GetString());
        var payload = JsonNode.Parse(failed.GetProperty("payload").GetRawText())!;
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", payload["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("outages", payload["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("complete", complete.GetProperty("type").GetString());

        // The next subscription opens a new connection.
        await client.SubscribeAsync("again", StatusChanged, new { id = "wait" });
        Assert.Equal("next", (await client.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal(2, _outages.Connections);
    }

    [Fact]
    public async Task The_subgraph_completing_completes_the_client()
    {
        await using var client = await ConnectAsync();

        await client.SubscribeAsync("c", StatusChanged, new { id = "complete" });
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("c", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Subscriptions_of_one_caller_share_one_upstream_connection_and_a_reload_leaves_them_running()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("one", StatusChanged, new { id = "wait-1" });
        await client.SubscribeAsync("two", StatusChanged, new { id = "wait-2" });
        await client.ReceiveAsync();
        await client.ReceiveAsync();
        var generation = _gateway.Active.Generation;

        await _gateway.ReplaceSupergraphAsync(await File.ReadAllTextAsync(_gateway.SupergraphPath) + "\n# reloaded\n");
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(_gateway.Active.Generation > generation), GatewayWebSocketClient.Timeout, "the supergraph reloaded");
        await client.SubscribeAsync("three", StatusChanged, new { id = "wait-3" });
        await client.ReceiveAsync();

        Assert.Equal(3, _outages.Subscriptions);

        // Both subscriptions of the first engine still share its connection; the reloaded engine opened its own.
        Assert.Equal(2, _outages.Connections);
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_developer_sees_the_subscriptions_query_plan_with_every_event()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        var developer = TestTokenIssuer.Default.CreateToken("agent", scopes: "developer");
        await client.SendAsync(new Dictionary<string, object>
        {
            ["type"] = "connection_init",
            ["payload"] = new Dictionary<string, object> { ["Authorization"] = "Bearer " + developer, ["UCE-Query-Plan"] = true },
        });
        Assert.Equal("connection_ack", (await client.ReceiveAsync()).GetProperty("type").GetString());

        await client.SubscribeAsync("p", StatusChanged, new { id = "plan" });
        var next = await client.ReceiveAsync();

        var plan = next.GetProperty("payload").GetProperty("extensions").GetProperty("queryPlan").GetString();
        Assert.StartsWith("QueryPlan(subscription) {", plan, StringComparison.Ordinal);
        Assert.Contains("service: \"outages\"", plan, StringComparison.Ordinal);
        Assert.Contains("outageStatusChanged", plan, StringComparison.Ordinal);
    }

    private async Task<GatewayWebSocketClient> ConnectAsync()
    {
        var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        return client;
    }
}
