using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace UCE.Gateway.Tests.Support;

/// <summary>
/// A <c>graphql-transport-ws</c> client of the gateway for tests, over a real socket: <c>connection_init</c> with a bearer
/// token in the payload as browser clients send it, raw frames, messages and the close, every wait bounded.
/// </summary>
public sealed class GatewayWebSocketClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private GatewayWebSocketClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<GatewayWebSocketClient> ConnectAsync(Uri baseAddress, string subProtocol = "graphql-transport-ws")
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = "/graphql" }.Uri, timeout.Token);
        return new GatewayWebSocketClient(socket);
    }

    /// <summary>Sends <c>connection_init</c> with <c>{"Authorization": "Bearer …"}</c> (none without a token) and waits for the ack.</summary>
    public async Task InitAsync(string? token)
    {
        await SendAsync(new { type = "connection_init", payload = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message, Json));

    public async Task SendTextAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message (server pings skipped); fails on a close.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        while (true)
        {
            var text = await ReceiveTextAsync() ?? throw new InvalidOperationException($"The server closed the connection: {(int?)Socket.CloseStatus} {Socket.CloseStatusDescription}");
            var message = JsonDocument.Parse(text).RootElement;
            if (message.GetProperty("type").GetString() != "ping")
            {
                return message;
            }
        }
    }

    /// <summary>Reads (and drops) messages until the server's close; its code and reason.</summary>
    public async Task<(int? Code, string? Reason)> ReceiveCloseAsync()
    {
        while (await ReceiveTextAsync() is not null)
        {
        }

        return ((int?)Socket.CloseStatus, Socket.CloseStatusDescription);
    }

    private async Task<string?> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server is gone; nothing to close.
            }
        }

        Socket.Dispose();
    }
}
