using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Subscriptions;
using Types = UCE.Subgraphs.Hosting.WebSockets.GraphQLWebSocketMessageTypes;
using Codes = UCE.Subgraphs.Hosting.WebSockets.GraphQLWebSocketCloseCodes;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// One <c>graphql-transport-ws</c> connection, server side: reads and answers messages, has its
/// <see cref="IGraphQLWebSocketHandler"/> prove <c>connection_init</c> and run each <c>subscribe</c>, and writes every
/// outgoing message through one bounded <see cref="WebSocketSender"/>, so that a client that stops reading is dropped
/// instead of growing memory.
/// </summary>
public sealed partial class GraphQLWebSocketConnection : IDisposable
{
    // Close reasons are limited to 123 bytes by RFC 6455.
    private const int MaxReasonBytes = 123;

    // A client's messages (connection_init, subscribe, pong) are small; a larger one grows the rented buffer.
    private const int InitialReceiveBufferBytes = 4096;

    private static readonly byte[] AckMessage = Encoding.UTF8.GetBytes("""{"type":"connection_ack"}""");
    private static readonly byte[] PingMessage = Encoding.UTF8.GetBytes("""{"type":"ping"}""");
    private static readonly byte[] PongMessage = Encoding.UTF8.GetBytes("""{"type":"pong"}""");

    private readonly WebSocket socket;
    // Only connection_init needs it (once); released then, with whatever it kept of the upgrade request.
    private IGraphQLWebSocketHandler? handler;
    private readonly SubscriptionSettings settings;
    private readonly ILogger logger;
    private readonly WebSocketSender sender;
    // Sized for the usual one or few operations of a connection (the default would allocate 31 buckets per connection).
    private readonly ConcurrentDictionary<string, WebSocketOperation> operations = new(concurrencyLevel: 1, capacity: 4, StringComparer.Ordinal);
    private readonly CancellationTokenSource lifetime = new();
    private readonly object gate = new();
    private int initialised;
    private volatile IGraphQLWebSocketSession? session;
    private Timer? initialisationTimer;
    private int? closeCode;

    public GraphQLWebSocketConnection(WebSocket socket, IGraphQLWebSocketHandler handler, SubscriptionSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.socket = socket;
        this.handler = handler;
        this.settings = settings;
        this.logger = logger;
        sender = new WebSocketSender(socket, settings.SendQueueLimit);
    }

    /// <summary>
    /// Serves the connection until it closes; every operation is stopped when this returns. <paramref name="aborted"/> drops
    /// the connection at once (the client went); <paramref name="stopping"/> (the host shutting down) closes it with
    /// <see cref="GraphQLWebSocketCloseCodes.GoingAway"/> after what is queued, so the client knows to reconnect. The
    /// connection is disposed when this ends.
    /// </summary>
    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping = default)
    {
        using var abortRegistration = aborted.Register(socket.Abort);
        using var stoppingRegistration = stopping.Register(
            () => RequestClose(GraphQLWebSocketCloseCodes.GoingAway, "The server is shutting down; connect again.", discard: false));
        // A timer, not a waiting task: it is gone as soon as connection_init arrives, and an idle connection keeps nothing of it.
        initialisationTimer = new Timer(static state => ((GraphQLWebSocketConnection)state!).InitialisationTimedOut(), this, settings.ConnectionInitTimeout, Timeout.InfiniteTimeSpan);
        var keepAlive = settings.KeepAliveInterval > TimeSpan.Zero ? KeepAliveTicker.For(settings.KeepAliveInterval) : null;
        keepAlive?.Add(this);
        try
        {
            await ReadAsync().ConfigureAwait(false);
        }
        finally
        {
            RequestClose(WebSocketCloseStatus.NormalClosure, string.Empty, discard: true);

            // The close frame of whichever close came first, even if its thread has not handed it to the sender yet.
            await sender.Closed.ConfigureAwait(false);
            await lifetime.CancelAsync().ConfigureAwait(false);
            StopInitialisationTimer();
            keepAlive?.Remove(this);
            StopOperations();
            lifetime.Dispose();
        }
    }

    /// <summary>Releases what <see cref="RunAsync"/> has not (it releases everything when it ends).</summary>
    public void Dispose() => lifetime.Dispose();

    private async Task ReadAsync()
    {
        try
        {
            while (true)
            {
                // Wait for the next message with an empty buffer: an idle connection holds no receive buffer of its own,
                // and one is rented from the pool only while a message is read.
                var received = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    RequestClose(WebSocketCloseStatus.NormalClosure, string.Empty, discard: true);
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferBytes);
                try
                {
                    var count = 0;
                    var tooBig = false;
                    while (!received.EndOfMessage)
                    {
                        if (count == buffer.Length)
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.AsSpan(0, count).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

                        received = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                        if (received.MessageType == WebSocketMessageType.Close)
                        {
                            RequestClose(WebSocketCloseStatus.NormalClosure, string.Empty, discard: true);
                            return;
                        }

                        count += received.Count;
                        if (count > settings.MaxMessageBytes)
                        {
                            // The rest of the message is read and thrown away: the close frame comes after it.
                            tooBig = true;
                            count = 0;
                        }
                    }

                    if (IsClosing)
                    {
                        continue;
                    }

                    if (tooBig)
                    {
                        RequestClose(Codes.MessageTooBig, $"Messages are limited to {settings.MaxMessageBytes} bytes", discard: false);
                    }
                    else if (received.MessageType == WebSocketMessageType.Binary)
                    {
                        RequestClose(Codes.BadRequest, "Binary messages are not supported", discard: false);
                    }
                    else
                    {
                        // Nothing of the message outlives its handling (the JSON document is disposed in Handle), so the
                        // buffer goes back to the pool right after.
                        await HandleSafelyAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone (the client vanished, or it was aborted after a close that did not complete).
        }
    }

    private async ValueTask HandleSafelyAsync(ReadOnlyMemory<byte> message)
    {
        try
        {
            // Only connection_init waits (its proof may need a key fetched); every other message is handled at once.
            if (Handle(message) is { } initialisation)
            {
                await initialisation.ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogInternalError(logger, ex);
            RequestClose(Codes.InternalServerError, "Internal server error", discard: true);
        }
    }

    private Task? Handle(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            RequestClose(Codes.BadRequest, "Invalid message received: not JSON", discard: false);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement)
                || typeElement.ValueKind != JsonValueKind.String)
            {
                RequestClose(Codes.BadRequest, "Invalid message received: no message type", discard: false);
                return null;
            }

            switch (typeElement.GetString())
            {
                case Types.ConnectionInit:
                    return InitialiseAsync(root);
                case Types.Ping:
                    Send(PongMessage);
                    break;
                case Types.Pong:
                    break;
                case Types.Subscribe:
                    Subscribe(root);
                    break;
                case Types.Complete:
                    CompleteByClient(root);
                    break;
                default:
                    RequestClose(Codes.BadRequest, "Invalid message received: unexpected message type", discard: false);
                    break;
            }

            return null;
        }
    }

    private async Task InitialiseAsync(JsonElement message)
    {
        if (Interlocked.Exchange(ref initialised, 1) == 1)
        {
            RequestClose(Codes.TooManyInitialisationRequests, "Too many initialisation requests", discard: false);
            return;
        }

        StopInitialisationTimer();

        JsonElement? payload = message.TryGetProperty("payload", out var element) && element.ValueKind != JsonValueKind.Null ? element : null;
        if (payload is { ValueKind: not JsonValueKind.Object })
        {
            RequestClose(Codes.BadRequest, "Invalid message received: the connection_init payload must be an object", discard: false);
            return;
        }

        var initialising = Interlocked.Exchange(ref handler, null)!.InitialiseAsync(payload, lifetime.Token);
        var initialisation = await initialising.ConfigureAwait(false);
        if (initialisation.Session is null)
        {
            var problem = initialisation.Problem ?? "refused";
            LogForbidden(logger, problem);
            RequestClose(Codes.Forbidden, "Forbidden: " + problem, discard: false);
            return;
        }

        session = initialisation.Session;
        Send(AckMessage);
    }

    private void Subscribe(JsonElement message)
    {
        if (session is not { } current)
        {
            RequestClose(Codes.Unauthorized, "Unauthorized", discard: false);
            return;
        }

        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(idElement.GetString()))
        {
            RequestClose(Codes.BadRequest, "Invalid message received: subscribe needs a non-empty string id", discard: false);
            return;
        }

        if (!message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            RequestClose(Codes.BadRequest, "Invalid message received: subscribe needs a payload object", discard: false);
            return;
        }

        var start = current.Prepare(payload);
        if (start.Run is null && start.Begin is null)
        {
            RequestClose(Codes.BadRequest, "Invalid message received: " + start.Problem, discard: false);
            return;
        }

        var operation = new WebSocketOperation(idElement.GetString()!);
        if (!operations.TryAdd(operation.Id, operation))
        {
            RequestClose(Codes.SubscriberAlreadyExists, $"Subscriber for {operation.Id} already exists", discard: false);
            return;
        }

        // The operation is started here and only what it needs to run is kept: the delegate and what it holds of the
        // payload go. An operation that returns a task ends when its task does.
        var results = new OperationResults(this, operation);
        var run = start.Run;
        var begin = start.Begin ?? ((to, stopping) => _ = EndWhenDoneAsync(to, run!(to, stopping)));
        try
        {
            begin(results, operation.Stopping);
        }
        catch (Exception ex)
        {
            results.End(ex);
        }
    }

    private void CompleteByClient(JsonElement message)
    {
        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            RequestClose(Codes.BadRequest, "Invalid message received: complete needs a string id", discard: false);
            return;
        }

        // Nothing more is sent for this id, not even a complete: the client ended it.
        if (operations.TryRemove(idElement.GetString()!, out var operation))
        {
            operation.Stop();
        }
    }

    private static async Task EndWhenDoneAsync(IGraphQLWebSocketResults results, Task running)
    {
        try
        {
            await running.ConfigureAwait(false);
            results.End(null);
        }
        catch (Exception ex)
        {
            results.End(ex);
        }
    }

    /// <summary>
    /// An operation's stream ended: <c>complete</c> unless it already ended otherwise; 4500 when it failed, unless the
    /// failure is the cancellation of an operation that was stopped (by the client's <c>complete</c>, or the connection closing).
    /// </summary>
    private void EndOperation(WebSocketOperation operation, Exception? failure)
    {
        if (failure is not null && !(failure is OperationCanceledException && operation.Stopping.IsCancellationRequested))
        {
            LogInternalError(logger, failure);
            RequestClose(Codes.InternalServerError, "Internal server error", discard: true);
            return;
        }

        if (Finish(operation))
        {
            Send(Frame(operation.Id, Types.Complete, payload: null));
        }
    }

    /// <summary>Removes a running operation; false when it had already ended (completed by the client, or the connection closed).</summary>
    private bool Finish(WebSocketOperation operation)
    {
        if (!operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation)))
        {
            return false;
        }

        operation.Stop();
        return true;
    }

    private void StopOperations()
    {
        foreach (var id in operations.Keys)
        {
            if (operations.TryRemove(id, out var operation))
            {
                operation.Stop();
            }
        }
    }

    private bool IsClosing
    {
        get
        {
            lock (gate)
            {
                return closeCode is not null;
            }
        }
    }

    private void Send(ReadOnlyMemory<byte> message)
    {
        if (sender.Send(message) == SendQueueOutcome.Full)
        {
            LogSlowConsumer(logger, sender.Limit);
            RequestClose(Codes.SlowConsumer, $"Slow consumer: {sender.Limit} messages were waiting to be sent", discard: true);
        }
    }

    private void RequestClose(WebSocketCloseStatus status, string reason, bool discard) => RequestClose((int)status, reason, discard);

    /// <summary>
    /// Closes the connection once: stops every operation, takes no more messages and has the writer send the close frame,
    /// after the queued messages unless <paramref name="discard"/>. A close that cannot be sent within
    /// <see cref="SubscriptionSettings.CloseTimeout"/> (a client that does not read) aborts the connection.
    /// </summary>
    private void RequestClose(int code, string reason, bool discard)
    {
        lock (gate)
        {
            if (closeCode is not null)
            {
                return;
            }

            closeCode = code;
        }

        StopOperations();
        _ = sender.CloseAsync(code, Truncate(reason), discard);
        _ = AbortAfterCloseTimeoutAsync();
    }

    private async Task AbortAfterCloseTimeoutAsync()
    {
        try
        {
            await Task.Delay(settings.CloseTimeout, lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        socket.Abort();
    }

    private void InitialisationTimedOut()
    {
        if (Volatile.Read(ref initialised) == 0)
        {
            RequestClose(Codes.ConnectionInitialisationTimeout, "Connection initialisation timeout", discard: false);
        }
    }

    private void StopInitialisationTimer() => Interlocked.Exchange(ref initialisationTimer, null)?.Dispose();

    /// <summary>The keep-alive ticker's call: a <c>ping</c> once the connection is acknowledged and while it is open.</summary>
    internal void KeepAliveTick()
    {
        if (session is not null && !IsClosing)
        {
            Send(PingMessage);
        }
    }

    /// <summary>A message of an operation: <c>{"id":…,"type":…,"payload":…}</c>, the payload written as it is (already JSON).</summary>
    private static byte[] Frame(string id, string type, ReadOnlyMemory<byte>? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + id.Length + (payload?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            if (payload is { } value)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(value.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The start of <see cref="Frame"/>'s message up to the payload's value: <c>{"id":…,"type":…,"payload":</c>.</summary>
    private static byte[] FramePrefix(string id, string type)
    {
        var buffer = new ArrayBufferWriter<byte>(48 + id.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WritePropertyName("payload");
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        var end = Math.Min(reason.Length, MaxReasonBytes - 3);
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, end)) > MaxReasonBytes - 3)
        {
            end--;
        }

        return string.Concat(reason.AsSpan(0, end), "...");
    }

    /// <summary>Turns an operation's results into <c>next</c> and <c>error</c> messages with its id.</summary>
    private sealed class OperationResults(GraphQLWebSocketConnection connection, WebSocketOperation operation) : IGraphQLWebSocketResults
    {
        // {"id":…,"type":"next","payload": — written once; each next is this, the payload and the closing brace.
        private byte[]? nextPrefix;

        public void Next(ReadOnlyMemory<byte> payload)
        {
            if (operation.IsStopped)
            {
                return;
            }

            var prefix = nextPrefix ??= FramePrefix(operation.Id, Types.Next);
            var message = new byte[prefix.Length + payload.Length + 1];
            prefix.CopyTo(message, 0);
            payload.Span.CopyTo(message.AsSpan(prefix.Length));
            message[^1] = (byte)'}';
            connection.Send(message);
        }

        public void Error(ReadOnlyMemory<byte> errors)
        {
            if (connection.Finish(operation))
            {
                connection.Send(Frame(operation.Id, Types.Error, errors));
            }
        }

        public void End(Exception? failure) => connection.EndOperation(operation, failure);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a WebSocket connection_init: {Problem}")]
    private static partial void LogForbidden(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a WebSocket consumer that did not read: {Limit} messages were waiting")]
    private static partial void LogSlowConsumer(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "A WebSocket connection failed; closing it with 4500")]
    private static partial void LogInternalError(ILogger logger, Exception exception);
}
