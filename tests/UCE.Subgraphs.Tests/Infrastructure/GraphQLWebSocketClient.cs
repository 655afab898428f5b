using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// A <c>graphql-transport-ws</c> client for tests, over a real socket: connects, signs <c>connection_init</c> as the
/// gateway does (identity headers and a signature over the connection's nonce), sends raw frames and reads messages or
/// the close, every wait bounded by <see cref="Timeout"/>.
/// </summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private GraphQLWebSocketClient(ClientWebSocket socket, string nonce)
    {
        Socket = socket;
        Nonce = nonce;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The connection's nonce from the upgrade response, which <c>connection_init</c> is signed over.</summary>
    public string Nonce { get; }

    public static async Task<GraphQLWebSocketClient> ConnectAsync(Uri baseAddress)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLWebSocketMessageTypes.SubProtocol);
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(WebSocketUri(baseAddress), timeout.Token);
        var nonce = socket.HttpResponseHeaders?.TryGetValue(WebSocketIdentity.NonceHeader, out var values) == true ? values.Single() : string.Empty;
        return new GraphQLWebSocketClient(socket, nonce);
    }

    public static Uri WebSocketUri(Uri baseAddress) => new UriBuilder(baseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;

    /// <summary>The <c>connection_init</c> payload the gateway sends for <paramref name="caller"/> on a connection with <paramref name="nonce"/>.</summary>
    public static Dictionary<string, object> InitPayload(CallerIdentity caller, string nonce, DateTimeOffset? at = null, IdentitySigningKey? key = null)
    {
        var headers = caller.ToHeaders().ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
        headers[IdentityHeaders.Signature] = IdentitySignature.Create(
            name => headers.TryGetValue(name, out var value) ? value : null,
            WebSocketIdentity.SignedPayload(nonce),
            at ?? DateTimeOffset.UtcNow,
            key ?? TestSigning.Key);
        return new Dictionary<string, object> { ["headers"] = headers };
    }

    /// <summary>Sends a signed <c>connection_init</c> and waits for <c>connection_ack</c>.</summary>
    public async Task InitAsync(CallerIdentity? caller = null)
    {
        await SendAsync(new { type = "connection_init", payload = InitPayload(caller ?? CallerIdentity.Anonymous, Nonce) });
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

    /// <summary>The next message (server pings are skipped unless <paramref name="includePings"/>); fails on a close.</summary>
    public async Task<JsonElement> ReceiveAsync(bool includePings = false)
    {
        while (true)
        {
            var text = await ReceiveTextAsync() ?? throw new InvalidOperationException($"The server closed the connection: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
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
    }
}
