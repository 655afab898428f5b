using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Bench;

/// <summary>How a subscriber proves who it is in <c>connection_init</c>.</summary>
/// <param name="Token">A bearer token for the gateway (<c>{"Authorization": "Bearer …"}</c>); null for a subgraph.</param>
/// <param name="Caller">The identity signed over the connection's nonce, as the gateway signs it for a subgraph.</param>
/// <param name="Key">The identity signing key a subgraph trusts; null with a token.</param>
internal sealed record SubscriberIdentity(string? Token, CallerIdentity Caller, IdentitySigningKey? Key)
{
    /// <summary>The <c>connection_init</c> message for a connection whose upgrade answered <paramref name="nonce"/>.</summary>
    public byte[] InitMessage(string? nonce)
    {
        object payload;
        if (Token is not null)
        {
            payload = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token };
        }
        else
        {
            if (string.IsNullOrEmpty(nonce) || Key is null)
            {
                throw new InvalidOperationException($"The server sent no {WebSocketIdentity.NonceHeader} to sign, or no signing key is set.");
            }

            var headers = Caller.ToHeaders().ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
            headers[IdentityHeaders.Signature] = IdentitySignature.Create(
                name => headers.TryGetValue(name, out var value) ? value : null,
                WebSocketIdentity.SignedPayload(nonce),
                DateTimeOffset.UtcNow,
                Key);
            payload = new Dictionary<string, object> { ["headers"] = headers };
        }

        return JsonSerializer.SerializeToUtf8Bytes(new { type = GraphQLWebSocketMessageTypes.ConnectionInit, payload });
    }
}

/// <summary>One subscription of a connection: its protocol id and the area it listens to.</summary>
internal sealed record SubscriberSubscription(string Id, int Index, string Area);

/// <summary>
/// One <c>graphql-transport-ws</c> client connection of the subscription bench: opens, initialises, subscribes, then
/// answers pings and time-stamps every <c>next</c> it receives until it is closed. Receipts go to a shared
/// <see cref="DeliveryLog"/>; the connection keeps nothing per message.
/// </summary>
internal sealed class SubscriberConnection : IAsyncDisposable
{
    private static readonly byte[] PongMessage = """{"type":"pong"}"""u8.ToArray();

    private readonly ClientWebSocket socket = new();
    private readonly DeliveryLog log;
    private readonly IReadOnlyList<SubscriberSubscription> subscriptions;
    private Task? receiving;

    public SubscriberConnection(DeliveryLog log, IReadOnlyList<SubscriberSubscription> subscriptions)
    {
        this.log = log;
        this.subscriptions = subscriptions;
        socket.Options.AddSubProtocol(GraphQLWebSocketMessageTypes.SubProtocol);
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.SetBuffer(2048, 512);
    }

    public IReadOnlyList<SubscriberSubscription> Subscriptions => subscriptions;

    /// <summary>Why the connection failed or closed, when it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Connects, sends <c>connection_init</c>, waits for <c>connection_ack</c> and subscribes every subscription, all
    /// within <paramref name="timeout"/>; then keeps receiving in the background. False (and <see cref="Failure"/>) when
    /// any step failed.
    /// </summary>
    public async Task<bool> OpenAsync(Uri url, HttpMessageInvoker invoker, SubscriberIdentity identity, string query, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var step = "connect";
        try
        {
            await socket.ConnectAsync(url, invoker, deadline.Token).ConfigureAwait(false);
            step = "connection_init";
            var nonce = socket.HttpResponseHeaders?.TryGetValue(WebSocketIdentity.NonceHeader, out var values) == true ? values.FirstOrDefault() : null;
            await socket.SendAsync(identity.InitMessage(nonce), WebSocketMessageType.Text, true, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[2048];
            var ack = await ReceiveMessageAsync(buffer, deadline.Token).ConfigureAwait(false);
            if (ack is null || MessageType(ack.Value.Span) != GraphQLWebSocketMessageTypes.ConnectionAck)
            {
                Failure = $"no connection_ack: {Describe(ack)}";
                return false;
            }

            step = "subscribe";
            foreach (var subscription in subscriptions)
            {
                var subscribe = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    id = subscription.Id,
                    type = GraphQLWebSocketMessageTypes.Subscribe,
                    payload = new { query, variables = new { area = subscription.Area } },
                });
                await socket.SendAsync(subscribe, WebSocketMessageType.Text, true, deadline.Token).ConfigureAwait(false);
            }

            receiving = ReceiveAsync(buffer);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or HttpRequestException or InvalidOperationException)
        {
            Failure = $"{step}: {(deadline.IsCancellationRequested ? "timed out" : exception.Message)}";
            return false;
        }
    }

    /// <summary>Closes normally, waiting at most <paramref name="timeout"/> for the server's close; aborts otherwise.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", deadline.Token).ConfigureAwait(false);
            }

            if (receiving is not null)
            {
                await receiving.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException)
        {
            socket.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        if (receiving is not null)
        {
            await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        socket.Dispose();
    }

    private async Task ReceiveAsync(byte[] buffer)
    {
        try
        {
            while (true)
            {
                var message = await ReceiveMessageAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (message is null)
                {
                    if (!log.Closing)
                    {
                        Failure = $"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}";
                        log.ServerClosed();
                    }

                    return;
                }

                var received = Stopwatch.GetTimestamp();
                Handle(message.Value.Span, received);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!log.Closing)
            {
                Failure = "connection lost: " + exception.Message;
                log.ServerClosed();
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> message, long received)
    {
        switch (Kind(message))
        {
            case MessageKind.Next:
                log.Receive(ReadNext(message), received);
                break;
            case MessageKind.Ping:
                _ = socket.SendAsync(PongMessage, WebSocketMessageType.Text, true, CancellationToken.None);
                break;
            case MessageKind.End:
                log.SubscriptionEnded(Encoding.UTF8.GetString(message));
                break;
        }
    }

    /// <summary>A whole message (frames joined) in <paramref name="buffer"/>, grown when needed; null when the server closed.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReceiveMessageAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var count = 0;
        var target = buffer;
        while (true)
        {
            if (count == target.Length)
            {
                Array.Resize(ref target, target.Length * 2);
            }

            var result = await socket.ReceiveAsync(target.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return target.AsMemory(0, count);
            }
        }
    }

    private enum MessageKind
    {
        Other,
        Next,
        Ping,
        End,
    }

    private static MessageKind Kind(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return MessageKind.Other;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                return reader.TokenType != JsonTokenType.String ? MessageKind.Other
                    : reader.ValueTextEquals("next"u8) ? MessageKind.Next
                    : reader.ValueTextEquals("ping"u8) ? MessageKind.Ping
                    : reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("complete"u8) ? MessageKind.End
                    : MessageKind.Other;
            }

            reader.Skip();
        }

        return MessageKind.Other;
    }

    private static string? MessageType(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>
    /// The outage id and status a <c>next</c> delivers (<c>payload.data.&lt;field&gt;.{id,status}</c>), read in one pass
    /// over the bytes with nothing allocated but the two strings: the bench's share of each delivery is kept small, since
    /// on this machine it runs on the same two cores as the server it measures.
    /// </summary>
    private static (string? OutageId, string? Status) ReadNext(ReadOnlySpan<byte> message)
    {
        // entered: 0 the message, 1 payload, 2 payload.data, 3 the subscription field's object. Every other value is
        // skipped whole, so each property name read is one level below the object entered last.
        var reader = new Utf8JsonReader(message);
        var entered = 0;
        string? outageId = null, status = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, null);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = entered switch
            {
                0 => reader.ValueTextEquals("payload"u8),
                1 => reader.ValueTextEquals("data"u8),
                2 => true,
                _ => reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("status"u8),
            };
            var isId = entered == 3 && reader.ValueTextEquals("id"u8);
            reader.Read();
            if (!wanted)
            {
                reader.Skip();
            }
            else if (entered < 3)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return (null, null);
                }

                entered++;
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                if (isId)
                {
                    outageId = reader.GetString();
                }
                else
                {
                    status = reader.GetString();
                }

                if (outageId is not null && status is not null)
                {
                    break;
                }
            }
        }

        return (outageId, status);
    }

    private string Describe(ReadOnlyMemory<byte>? message) =>
        message is { } text ? Encoding.UTF8.GetString(text.Span) : $"the server closed the connection ({(int?)socket.CloseStatus} {socket.CloseStatusDescription})";
}
