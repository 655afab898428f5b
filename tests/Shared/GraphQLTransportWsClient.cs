using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace UCE.Tests.Shared;

/// <summary>
/// The client side of <c>graphql-transport-ws</c> for tests, over a real socket: raw frames out, whole messages or the
/// server's close in, every wait bounded by <see cref="Timeout"/>. The gateway's and the subgraphs' tests add how they
/// prove a caller in <c>connection_init</c>.
/// </summary>
public abstract class GraphQLTransportWsClient : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected GraphQLTransportWsClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>A socket connected to <c>ws://…/graphql</c> of <paramref name="baseAddress"/> with the protocol's subprotocol.</summary>
    protected static async Task<ClientWebSocket> ConnectSocketAsync(Uri baseAddress, bool collectResponseDetails = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        socket.Options.CollectHttpResponseDetails = collectResponseDetails;
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(WebSocketUri(baseAddress), timeout.Token);
        return socket;
    }

    public static Uri WebSocketUri(Uri baseAddress) => new UriBuilder(baseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message, Json));

    public async Task SendTextAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message (server pings are skipped unless <paramref name="includePings"/>); fails on a close.</summary>
    public async Task<JsonElement> ReceiveAsync(bool includePings = false)
    {
        while (true)
        {
            var text = await ReceiveTextAsync() ?? throw new InvalidOperationException($"The server closed the connection: {(int?)Socket.CloseStatus} {Socket.CloseStatusDescription}");
            var message = JsonDocument.Parse(text).RootElement;
            if (includePings || message.GetProperty("type").GetString() != "ping")
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

    /// <summary>One whole text message, or null once the server closed.</summary>
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
        GC.SuppressFinalize(this);
    }
}
