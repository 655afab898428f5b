using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
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
/// <see cref="DeliveryLog"/>; the connection keeps nothing per message. It speaks RFC 6455 itself over a plain socket
/// (the handshake, masked frames out, whole frames in) rather than through <c>ClientWebSocket</c>: on this machine
/// the bench's 10,000 receiving sockets share the two cores with the server it measures, and every microsecond the client
/// spends on a message is taken from the server's fan-out.
/// </summary>
internal sealed class SubscriberConnection : IAsyncDisposable
{
    private static readonly byte[] PongMessage = """{"type":"pong"}"""u8.ToArray();

    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly DeliveryLog log;
    private readonly IReadOnlyList<SubscriberSubscription> subscriptions;
    private readonly object sendGate = new();
    private byte[] buffer = new byte[2048];
    private int buffered;
    private Task? receiving;
    private int closing;

    public SubscriberConnection(DeliveryLog log, IReadOnlyList<SubscriberSubscription> subscriptions)
    {
        this.log = log;
        this.subscriptions = subscriptions;
    }

    public IReadOnlyList<SubscriberSubscription> Subscriptions => subscriptions;

    /// <summary>Why the connection failed or closed, when it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Connects, sends <c>connection_init</c>, waits for <c>connection_ack</c> and subscribes every subscription, all
    /// within <paramref name="timeout"/>; then keeps receiving in the background. False (and <see cref="Failure"/>) when
    /// any step failed.
    /// </summary>
    public async Task<bool> OpenAsync(Uri url, SubscriberIdentity identity, string query, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var step = "connect";
        try
        {
            await socket.ConnectAsync(url.Host, url.Port, deadline.Token).ConfigureAwait(false);
            step = "upgrade";
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {GraphQLWebSocketMessageTypes.SubProtocol}\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var head = await ReadHeadAsync(deadline.Token).ConfigureAwait(false);
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                Failure = $"upgrade refused: {head.Split("\r\n")[0]}";
                return false;
            }

            var nonce = head.Split("\r\n").Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2 && parts[0].Trim().Equals(WebSocketIdentity.NonceHeader, StringComparison.OrdinalIgnoreCase))
                .Select(parts => parts[1].Trim()).FirstOrDefault();
            step = "connection_init";
            Send(identity.InitMessage(nonce));
            var ack = await ReceiveMessageAsync(deadline.Token).ConfigureAwait(false);
            if (ack is null || Kind(ack) != MessageKind.ConnectionAck)
            {
                Failure = $"no connection_ack: {(ack is null ? "the server closed the connection" : Encoding.UTF8.GetString(ack))}";
                return false;
            }

            step = "subscribe";
            foreach (var subscription in subscriptions)
            {
                Send(JsonSerializer.SerializeToUtf8Bytes(new
                {
                    id = subscription.Id,
                    type = GraphQLWebSocketMessageTypes.Subscribe,
                    payload = new { query, variables = new { area = subscription.Area } },
                }));
            }

            receiving = ReceiveAsync();
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            Failure = $"{step}: {(deadline.IsCancellationRequested ? "timed out" : exception.Message)}";
            return false;
        }
    }

    /// <summary>Sends a close frame and waits at most <paramref name="timeout"/> for the server's; then drops the socket.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        Interlocked.Exchange(ref closing, 1);
        try
        {
            SendFrame(0x8, [0x03, 0xE8]);
            if (receiving is not null)
            {
                await receiving.WaitAsync(timeout).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or TimeoutException)
        {
            // The server did not answer in time: the socket is dropped below.
        }

        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref closing, 1);
        socket.Dispose();
        if (receiving is not null)
        {
            await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(buffered), SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    Closed("the server closed the connection");
                    return;
                }

                var stamp = Stopwatch.GetTimestamp();
                buffered += received;
                if (!HandleFrames(stamp))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            Closed("connection lost: " + exception.Message);
        }
    }

    /// <summary>Handles every whole frame in the buffer and keeps the rest; false once the server closed.</summary>
    private bool HandleFrames(long received)
    {
        var offset = 0;
        while (TryFrame(buffer.AsSpan(offset, buffered - offset), out var opcode, out var payloadStart, out var payloadLength))
        {
            var payload = buffer.AsSpan(offset + payloadStart, payloadLength);
            switch (opcode)
            {
                case 0x1:
                    Handle(payload, received);
                    break;
                case 0x8:
                    Closed(payload.Length >= 2 ? $"closed by the server: {(payload[0] << 8) | payload[1]} {Encoding.UTF8.GetString(payload[2..])}" : "closed by the server");
                    return false;
                case 0x9:
                    SendFrame(0xA, payload.ToArray());
                    break;
            }

            offset += payloadStart + payloadLength;
        }

        buffered -= offset;
        if (offset > 0 && buffered > 0)
        {
            buffer.AsSpan(offset, buffered).CopyTo(buffer);
        }

        if (buffered == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        return true;
    }

    /// <summary>A whole unmasked frame at the start of <paramref name="data"/>: its opcode and where its payload is.</summary>
    private static bool TryFrame(ReadOnlySpan<byte> data, out int opcode, out int payloadStart, out int payloadLength)
    {
        (opcode, payloadStart, payloadLength) = (0, 0, 0);
        if (data.Length < 2)
        {
            return false;
        }

        opcode = data[0] & 0x0F;
        var length = (long)(data[1] & 0x7F);
        var header = 2;
        if (length == 126)
        {
            if (data.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            header = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            header = 10;
        }

        if (data.Length - header < length)
        {
            return false;
        }

        (payloadStart, payloadLength) = (header, (int)length);
        return true;
    }

    private void Closed(string reason)
    {
        if (Volatile.Read(ref closing) == 0 && !log.Closing)
        {
            Failure = reason;
            log.ServerClosed();
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
                Send(PongMessage);
                break;
            case MessageKind.End:
                log.SubscriptionEnded(Encoding.UTF8.GetString(message));
                break;
        }
    }

    /// <summary>A text message, masked as a client must send it; small messages go out in one blocking send.</summary>
    private void Send(byte[] message) => SendFrame(0x1, message);

    private void SendFrame(int opcode, byte[] payload)
    {
        var header = payload.Length < 126 ? 2 : 4;
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (header == 2)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), checked((ushort)payload.Length));
        }

        var mask = frame.AsSpan(header, 4);
        RandomNumberGenerator.Fill(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        lock (sendGate)
        {
            socket.Send(frame);
        }
    }

    /// <summary>The response head of the upgrade; whatever came after it stays in the buffer for the frames.</summary>
    private async Task<string> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = buffer.AsSpan(0, buffered).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(buffer, 0, end + 4);
                buffered -= end + 4;
                buffer.AsSpan(end + 4, buffered).CopyTo(buffer);
                return head;
            }

            if (buffered == buffer.Length)
            {
                throw new IOException("The upgrade response's head is too long.");
            }

            var received = await socket.ReceiveAsync(buffer.AsMemory(buffered), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new IOException("The server closed the connection during the upgrade.");
            }

            buffered += received;
        }
    }

    /// <summary>The next text message while opening (before the receive loop runs); null when the server closed.</summary>
    private async Task<byte[]?> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryFrame(buffer.AsSpan(0, buffered), out var opcode, out var start, out var length))
            {
                var payload = buffer.AsSpan(start, length).ToArray();
                buffered -= start + length;
                buffer.AsSpan(start + length, buffered).CopyTo(buffer);
                if (opcode == 0x8)
                {
                    return null;
                }

                if (opcode == 0x1)
                {
                    return payload;
                }

                continue;
            }

            if (buffered == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var received = await socket.ReceiveAsync(buffer.AsMemory(buffered), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return null;
            }

            buffered += received;
        }
    }

    private enum MessageKind
    {
        Other,
        Next,
        Ping,
        End,
        ConnectionAck,
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
                    : reader.ValueTextEquals("connection_ack"u8) ? MessageKind.ConnectionAck
                    : MessageKind.Other;
            }

            reader.Skip();
        }

        return MessageKind.Other;
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

}
