using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using UCE.Gateway.Transport;

namespace UCE.Gateway.Tests.Transport;

/// <summary>
/// <c>Gateway:Server:WebSocketsAtConnection</c>: a connection that starts with a <c>graphql-transport-ws</c> upgrade of
/// <c>/graphql</c> is answered below the HTTP server; everything else reaches the HTTP server as it was sent. (The other
/// WebSocket tests over sockets run through it as well: the protocol, its close codes and the shutdown are the same.)
/// </summary>
public sealed class WebSocketUpgradeAtConnectionTests : IAsyncLifetime
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private FakeSubscriptionSubgraph _outages = null!;
    private GatewayTestHost _gateway = null!;

    private GatewayWebSocketEndpoint Endpoint => _gateway.Services.GetRequiredService<GatewayWebSocketEndpoint>();

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
    public async Task A_subscriber_is_upgraded_at_the_connection_and_gets_its_events()
    {
        var before = Endpoint.ConnectionsUpgradedAtConnection;
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        Assert.Equal(before + 1, Endpoint.ConnectionsUpgradedAtConnection);
        Assert.Equal(1, Endpoint.Connections);

        await client.SubscribeAsync("s1", "subscription($id: ID!) { outageStatusChanged(outageId: $id) { id status } }", new { id = "complete" });
        var next = await client.ReceiveAsync();
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("complete", next.GetProperty("payload").GetProperty("data").GetProperty("outageStatusChanged").GetProperty("id").GetString());
        Assert.Equal("complete", (await client.ReceiveAsync()).GetProperty("type").GetString());

        await client.DisposeAsync();
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(Endpoint.Connections == 0), TimeSpan.FromSeconds(10), "the closed connection is no longer counted");
    }

    [Fact]
    public async Task With_sends_through_the_transport_pipe_a_subscriber_gets_its_events_as_well()
    {
        await using var gateway = await _outages.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Server:WebSocketSendsOnSocket"] = "false" });
        var endpoint = gateway.Services.GetRequiredService<GatewayWebSocketEndpoint>();
        await using var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        Assert.Equal(1, endpoint.ConnectionsUpgradedAtConnection);

        await client.SubscribeAsync("s1", "subscription($id: ID!) { outageStatusChanged(outageId: $id) { id status } }", new { id = "complete" });
        var next = await client.ReceiveAsync();
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("complete", next.GetProperty("payload").GetProperty("data").GetProperty("outageStatusChanged").GetProperty("id").GetString());
        Assert.Equal("complete", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_handshake_is_answered_as_RFC_6455_says_even_when_the_request_arrives_in_pieces()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();
        var request = Upgrade();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request[..20]));
        await stream.FlushAsync();
        await Task.Yield();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request[20..]));

        var response = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nUpgrade: websocket\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upgrade_after_a_request_on_the_same_connection_goes_through_the_HTTP_server()
    {
        var before = Endpoint.ConnectionsUpgradedAtConnection;
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();
        const string Body = "{\"query\":\"{ __typename }\"}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: {Body.Length}\r\n\r\n{Body}"));
        var first = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 200 ", first, StringComparison.Ordinal);
        Assert.Contains("__typename", await ReadBodyAsync(stream, first), StringComparison.Ordinal);

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Upgrade()));
        var second = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101 ", second, StringComparison.Ordinal);
        Assert.Equal(before, Endpoint.ConnectionsUpgradedAtConnection);
    }

    [Theory]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Upgrade")]
    [InlineData("GET /graphql?x=1 HTTP/1.1\r\nhost: a\r\nupgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\nsec-websocket-protocol: graphql-ws, graphql-transport-ws\r\n\r\n", "Upgrade")]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n", "NeedMore")]
    [InlineData("GE", "NeedMore")]
    [InlineData("POST /graphql HTTP/1.1\r\nHost: a\r\n\r\n", "Pass")]
    [InlineData("GET /graphql/ui HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 12\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nContent-Length: 5\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    [InlineData("GET /graphql HTTP/1.0\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n", "Pass")]
    public void Only_a_well_formed_graphql_transport_ws_upgrade_of_graphql_is_taken(string head, string verdict)
    {
        var bytes = Encoding.ASCII.GetBytes(head);
        var result = WebSocketUpgradeAtConnection.Inspect(new ReadOnlySequence<byte>(bytes), "X-API-Key", out var request, out var length);
        Assert.Equal(verdict, result.ToString());
        if (result == WebSocketUpgradeAtConnection.Verdict.Upgrade)
        {
            Assert.Equal(bytes.Length, length);
            Assert.Equal(Key, request!.Key);
        }
    }

    [Fact]
    public void The_headers_the_session_reads_come_from_the_upgrade_request()
    {
        var head = Upgrade().Replace("\r\n\r\n", "\r\nAuthorization: Bearer abc\r\nUCE-Query-Plan: true\r\nX-API-Key: k1\r\n\r\n", StringComparison.Ordinal);
        Assert.Equal(
            WebSocketUpgradeAtConnection.Verdict.Upgrade,
            WebSocketUpgradeAtConnection.Inspect(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(head)), "X-API-Key", out var request, out _));
        Assert.Equal(("Bearer abc", "true", "k1"), (request!.Authorization, request.QueryPlan, request.ApiKey));
    }

    [Fact]
    public async Task Switched_off_every_upgrade_goes_through_the_HTTP_server()
    {
        await using var gateway = await _outages.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Server:WebSocketsAtConnection"] = "false" });
        await using var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal(0, gateway.Services.GetRequiredService<GatewayWebSocketEndpoint>().ConnectionsUpgradedAtConnection);
    }

    [Fact]
    public async Task Both_ways_in_share_one_limit_of_WebSockets()
    {
        await using var gateway = await _outages.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Server:MaxWebSocketConnections"] = "1" });
        var endpoint = gateway.Services.GetRequiredService<GatewayWebSocketEndpoint>();
        var first = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await first.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        Assert.Equal(1, endpoint.ConnectionsUpgradedAtConnection);

        // Past the limit the connection middleware hands the upgrade to the HTTP server, and the endpoint refuses it there.
        var refused = new System.Net.WebSockets.ClientWebSocket();
        refused.Options.AddSubProtocol("graphql-transport-ws");
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            refused.ConnectAsync(new UriBuilder(gateway.Address!) { Scheme = "ws", Path = "/graphql" }.Uri, CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
        Assert.Equal(1, endpoint.Connections);

        await first.DisposeAsync();
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(endpoint.Connections == 0), TimeSpan.FromSeconds(10), "the first WebSocket is no longer counted");
        await using var again = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await again.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        Assert.Equal(2, endpoint.ConnectionsUpgradedAtConnection);
    }

    private static string Upgrade() =>
        "GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n";

    private async Task<TcpClient> ConnectAsync()
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(_gateway.Address!.Host, _gateway.Address.Port);
        return tcp;
    }

    /// <summary>A response's status line and headers, up to the blank line.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, timeout.Token));
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>The body after <paramref name="head"/>: by its Content-Length, or chunk by chunk.</summary>
    private static async Task<string> ReadBodyAsync(NetworkStream stream, string head)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = head.Split("\r\n");
        if (lines.FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } contentLength)
        {
            var body = new byte[int.Parse(contentLength[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, timeout.Token);
            return Encoding.UTF8.GetString(body);
        }

        Assert.Contains(lines, line => line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
        var text = new StringBuilder();
        while (true)
        {
            var size = Convert.ToInt32((await ReadLineAsync(stream, timeout.Token)).Split(';')[0], 16);
            var chunk = new byte[size + 2];
            await stream.ReadExactlyAsync(chunk, timeout.Token);
            if (size == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.UTF8.GetString(chunk, 0, size));
        }
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, cancellationToken));
            line.Append((char)one[0]);
        }

        return line.ToString()[..^2];
    }
}
