using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using UCE.Subgraphs.Hosting.Subscriptions;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>
/// An operation that reports its own end (<see cref="WebSocketOperationBegin"/>, what the gateway's subscriptions use so that
/// nothing waits while they are idle) is answered as one that returns a task: <c>complete</c> after its stream, nothing after
/// its <c>error</c>, 4500 when it fails or throws. A connection over a real loopback socket, no HTTP server.
/// </summary>
public sealed class WebSocketOperationEndTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_operation_that_ends_itself_gets_its_next_messages_then_complete()
    {
        await using var pair = await Pair.OpenAsync((results, _) =>
        {
            results.Next("""{"data":{"n":1}}"""u8.ToArray());
            results.Next("""{"data":{"n":2}}"""u8.ToArray());
            results.End(null);
        });

        await pair.SubscribeAsync("a");

        Assert.Equal("""{"id":"a","type":"next","payload":{"data":{"n":1}}}""", await pair.ReceiveAsync());
        Assert.Equal("""{"id":"a","type":"next","payload":{"data":{"n":2}}}""", await pair.ReceiveAsync());
        Assert.Equal("""{"id":"a","type":"complete"}""", await pair.ReceiveAsync());
    }

    [Fact]
    public async Task An_operation_ended_by_an_error_gets_no_complete_after_it()
    {
        await using var pair = await Pair.OpenAsync((results, _) =>
        {
            results.Error("""[{"message":"no"}]"""u8.ToArray());
            results.End(null);
        });

        await pair.SubscribeAsync("a");
        Assert.Equal("""{"id":"a","type":"error","payload":[{"message":"no"}]}""", await pair.ReceiveAsync());

        // The next message on the connection is the pong to a ping: nothing came in between.
        await pair.SendAsync("""{"type":"ping"}""");
        Assert.Equal("""{"type":"pong"}""", await pair.ReceiveAsync());
    }

    [Fact]
    public async Task An_operation_that_ends_later_on_another_thread_completes_then()
    {
        var ended = new TaskCompletionSource<IGraphQLWebSocketResults>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await Pair.OpenAsync((results, _) => ended.SetResult(results));

        await pair.SubscribeAsync("a");
        var results = await ended.Task.WaitAsync(Bound);
        await Task.Run(() => results.End(null));

        Assert.Equal("""{"id":"a","type":"complete"}""", await pair.ReceiveAsync());
    }

    [Fact]
    public async Task An_operation_stopped_by_the_client_gets_nothing_when_it_ends()
    {
        var started = new TaskCompletionSource<(IGraphQLWebSocketResults Results, CancellationToken Stopping)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await Pair.OpenAsync((results, stopping) => started.SetResult((results, stopping)));

        await pair.SubscribeAsync("a");
        var (results, stopping) = await started.Task.WaitAsync(Bound);
        await pair.SendAsync("""{"id":"a","type":"complete"}""");
        await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Bound);
        results.End(null);

        await pair.SendAsync("""{"type":"ping"}""");
        Assert.Equal("""{"type":"pong"}""", await pair.ReceiveAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_operation_that_fails_or_throws_closes_the_connection_with_4500(bool throws)
    {
        await using var pair = await Pair.OpenAsync((results, _) =>
        {
            if (throws)
            {
                throw new InvalidOperationException("broken");
            }

            results.End(new InvalidOperationException("broken"));
        });

        await pair.SubscribeAsync("a");

        Assert.Equal(4500, await pair.ReceiveCloseAsync());
    }

    /// <summary>A server connection and a client WebSocket over a loopback TCP connection, acknowledged.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private readonly TcpClient _clientTcp;
        private readonly Socket _serverSocket;
        private readonly WebSocket _client;
        private readonly WebSocket _server;
        private readonly CancellationTokenSource _aborted = new();
        private readonly Task _serving;

        private Pair(TcpClient clientTcp, Socket serverSocket, WebSocketOperationBegin begin)
        {
            _clientTcp = clientTcp;
            _serverSocket = serverSocket;
            _client = WebSocket.CreateFromStream(clientTcp.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            _server = WebSocket.CreateFromStream(new NetworkStream(serverSocket, ownsSocket: false), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            var connection = new GraphQLWebSocketConnection(_server, new Handler(begin), new SubscriptionSettings { KeepAliveInterval = TimeSpan.Zero }, NullLogger.Instance);
            _serving = connection.RunAsync(_aborted.Token);
        }

        public static async Task<Pair> OpenAsync(WebSocketOperationBegin begin)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new TcpClient();
            var accepting = listener.AcceptSocketAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var pair = new Pair(client, await accepting, begin);
            await pair.SendAsync("""{"type":"connection_init"}""");
            Assert.Equal("""{"type":"connection_ack"}""", await pair.ReceiveAsync());
            return pair;
        }

        public Task SubscribeAsync(string id) => SendAsync($$$"""{"id":"{{{id}}}","type":"subscribe","payload":{"query":"subscription { n }"}}""");

        public Task SendAsync(string message) =>
            _client.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WaitAsync(Bound);

        public async Task<string> ReceiveAsync()
        {
            var buffer = new byte[4096];
            var result = await _client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            Assert.True(result.EndOfMessage);
            return Encoding.UTF8.GetString(buffer, 0, result.Count);
        }

        public async Task<int> ReceiveCloseAsync()
        {
            var buffer = new byte[4096];
            var result = await _client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
            Assert.Equal(WebSocketMessageType.Close, result.MessageType);
            return (int)result.CloseStatus!.Value;
        }

        public async ValueTask DisposeAsync()
        {
            // The client goes away; the server's read ends with the connection.
            _client.Abort();
            _clientTcp.Dispose();
            await _aborted.CancelAsync();
            _serverSocket.Shutdown(SocketShutdown.Both);
            await _serving.WaitAsync(Bound);
            _client.Dispose();
            _server.Dispose();
            _serverSocket.Dispose();
            _aborted.Dispose();
        }

        private sealed class Handler(WebSocketOperationBegin begin) : IGraphQLWebSocketHandler, IGraphQLWebSocketSession
        {
            public ValueTask<WebSocketInitialisation> InitialiseAsync(JsonElement? payload, CancellationToken cancellationToken) =>
                ValueTask.FromResult(new WebSocketInitialisation(this, null));

            public WebSocketOperationStart Prepare(JsonElement payload) => new(begin);
        }
    }
}
