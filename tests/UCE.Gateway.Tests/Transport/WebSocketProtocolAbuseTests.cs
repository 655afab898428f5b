using System.Net;
using System.Net.WebSockets;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Transport;

/// <summary>
/// Clients that break <c>graphql-transport-ws</c> at the gateway: each is closed with the protocol's code, and the gateway
/// goes on serving the next client.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class WebSocketProtocolAbuseTests : IAsyncLifetime
{
    private const string Subscription = "subscription { outageStatusChanged(outageId: \"wait\") { id status } }";

    private static readonly TestTokenIssuer OtherIssuer = new();

    private FakeSubscriptionSubgraph _outages = null!;
    private GatewayTestHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _outages = await FakeSubscriptionSubgraph.StartAsync();
        _gateway = await _outages.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway:Subscriptions:ConnectionInitTimeout"] = "00:00:02",
            ["Gateway:Subscriptions:MaxOperationsPerConnection"] = "2",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _outages.DisposeAsync();
    }

    [Fact]
    public async Task A_subscribe_before_connection_init_is_closed_4401()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.SubscribeAsync("early", Subscription);

        Assert.Equal(4401, (await client.ReceiveCloseAsync()).Code);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_bad_token_in_connection_init_is_closed_4403()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not.a.token" } });

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4403, code);
        Assert.StartsWith("Forbidden", reason, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_closed_4403()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.SendAsync(new { type = "connection_init", payload = new { token = OtherIssuer.CreateToken("agent") } });

        Assert.Equal(4403, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_duplicate_subscription_id_is_closed_4409()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        await client.SubscribeAsync("same", Subscription);
        await client.ReceiveAsync();
        await client.SubscribeAsync("same", Subscription);

        Assert.Equal(4409, (await client.ReceiveCloseAsync()).Code);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"type\":42}")]
    [InlineData("{\"type\":\"subscribe\"}")]
    [InlineData("{\"type\":\"no_such_type\"}")]
    [InlineData("[1,2,3]")]
    public async Task Garbage_frames_are_closed_4400(string frame)
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        await client.SendTextAsync(frame);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_binary_frame_is_closed_4400()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.SendTextAsync("{\"type\":\"connection_init\"}", WebSocketMessageType.Binary);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_connection_without_connection_init_is_closed_4408()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);

        Assert.Equal(4408, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_second_connection_init_is_closed_4429()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        await client.SendAsync(new { type = "connection_init", payload = new { } });

        Assert.Equal(4429, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Operations_beyond_the_per_connection_limit_end_with_an_error()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        await client.SubscribeAsync("1", Subscription);
        await client.SubscribeAsync("2", Subscription.Replace("wait", "wait-2", StringComparison.Ordinal));
        await client.ReceiveAsync();
        await client.ReceiveAsync();
        await client.SubscribeAsync("3", Subscription.Replace("wait", "wait-3", StringComparison.Ordinal));

        var refused = await client.ReceiveAsync();

        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("3", refused.GetProperty("id").GetString());
        Assert.Equal("TOO_MANY_OPERATIONS", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_WebSocket_without_the_subprotocol_is_refused_before_the_upgrade()
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-ws");
        socket.Options.CollectHttpResponseDetails = true;
        var failure = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new UriBuilder(_gateway.Address!) { Scheme = "ws", Path = "/graphql" }.Uri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        Assert.NotNull(failure);
    }

    private async Task AssertStillServingAsync()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }
}
