using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using UCE.Gateway.Engine.Execution;
using static UCE.Gateway.Engine.Subscriptions.WebSocketSubgraphSubscriptionClient;

namespace UCE.Gateway.Engine.Subscriptions;

/// <summary>
/// One <c>graphql-transport-ws</c> connection to a subgraph: opened and acknowledged once (<see cref="Ready"/>), then one
/// reader hands each <c>next</c>, <c>error</c> and <c>complete</c> to its subscription by id and answers pings. When the
/// connection fails or closes, every subscription on it ends with a <see cref="SubgraphSubscriptionException"/>.
/// </summary>
internal sealed class UpstreamConnection : IDisposable
{
    private const string SubProtocol = "graphql-transport-ws";
    private static readonly byte[] PongMessage = Encoding.UTF8.GetBytes("""{"type":"pong"}""");

    private readonly WebSocketSubgraphSubscriptionClient _client;
    private readonly string _subgraph;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, UpstreamSubscription> _subscriptions = new(StringComparer.Ordinal);
    private int _nextId;
    private int _closed;

    public UpstreamConnection(WebSocketSubgraphSubscriptionClient client, string key, SubgraphRequest request, TimeSpan openTimeout, ISubgraphRequestSigner? signer)
    {
        _client = client;
        _subgraph = request.Subgraph;
        Key = key;
        Ready = OpenAsync(request, openTimeout, signer);
    }

    public string Key { get; }

    /// <summary>Subscriptions and openers holding the connection; guarded by the client's lock.</summary>
    public int References { get; set; }

    /// <summary>Completes once the subgraph acknowledged <c>connection_init</c>; faults when it could not be opened.</summary>
    public Task Ready { get; }

    public async Task<UpstreamSubscription> SubscribeAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var subscription = new UpstreamSubscription(Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), _client.EventQueueLimit);
        _subscriptions[subscription.Id] = subscription;
        if (Volatile.Read(ref _closed) == 1)
        {
            _subscriptions.TryRemove(subscription.Id, out _);
            throw new SubgraphSubscriptionException($"The connection to subgraph '{_subgraph}' closed.");
        }

        try
        {
            await SendAsync(Frame(subscription.Id, "subscribe", body), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Never sent (the caller gave up, or the connection went): nothing to tell the subgraph, nothing to keep.
            _subscriptions.TryRemove(subscription.Id, out _);
            throw ex is OperationCanceledException ? ex : new SubgraphSubscriptionException($"The subscription could not be sent to subgraph '{_subgraph}': {ex.Message}", ex);
        }

        return subscription;
    }

    /// <summary>Ends a subscription from this side: the subgraph is told (<c>complete</c>) unless it ended it itself.</summary>
    public void Unsubscribe(UpstreamSubscription subscription)
    {
        if (_subscriptions.TryRemove(subscription.Id, out _) && !subscription.Ended && Volatile.Read(ref _closed) == 0)
        {
            _ = SendQuietlyAsync(Frame(subscription.Id, "complete", payload: null));
        }
    }

    /// <summary>Closes the connection (normal closure) and ends what is still on it.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        EndAll(new SubgraphSubscriptionException($"The connection to subgraph '{_subgraph}' was closed by the gateway."));
        _ = CloseSocketAsync();
    }

    public void Dispose() => Close();

    private async Task OpenAsync(SubgraphRequest request, TimeSpan timeout, ISubgraphRequestSigner? signer)
    {
        // The first await is here: the caller (holding the client's lock) never runs the connect itself.
        await Task.Yield();
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        opening.CancelAfter(timeout);
        try
        {
            _socket.Options.AddSubProtocol(SubProtocol);
            _socket.Options.CollectHttpResponseDetails = true;
            await _socket.ConnectAsync(WebSocketUri(request.Url), opening.Token).ConfigureAwait(false);
            var nonce = _socket.HttpResponseHeaders?.TryGetValue(NonceHeader, out var values) == true ? values.FirstOrDefault() : null;
            IReadOnlyDictionary<string, string>? headers = request.Headers;
            if (signer is not null)
            {
                if (string.IsNullOrEmpty(nonce))
                {
                    throw new SubgraphSubscriptionException($"Subgraph '{_subgraph}' sent no {NonceHeader} on the WebSocket upgrade.");
                }

                headers = signer.SignConnection(request.Headers, nonce);
            }

            await SendAsync(InitMessage(headers), opening.Token).ConfigureAwait(false);
            await AwaitAcknowledgementAsync(opening.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail();
            throw ex switch
            {
                SubgraphSubscriptionException => ex,
                OperationCanceledException when !_lifetime.IsCancellationRequested =>
                    new SubgraphSubscriptionException($"Subgraph '{_subgraph}' did not accept a subscription connection within {timeout.TotalMilliseconds:0} ms.", ex),
                _ => new SubgraphSubscriptionException($"Subgraph '{_subgraph}' could not be reached for subscriptions: {ex.Message}", ex),
            };
        }

        _ = ReadAsync();
    }

    private async Task AwaitAcknowledgementAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            if (!await ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false))
            {
                throw new SubgraphSubscriptionException($"Subgraph '{_subgraph}' refused the subscription connection: {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}".TrimEnd());
            }

            using var message = JsonDocument.Parse(buffer.WrittenMemory);
            switch (TypeOf(message.RootElement))
            {
                case "connection_ack":
                    return;
                case "ping":
                    await SendAsync(PongMessage, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Exception? failure = null;
        try
        {
            while (await ReceiveAsync(buffer, _lifetime.Token).ConfigureAwait(false))
            {
                Dispatch(buffer.WrittenMemory);
                if (buffer.Capacity > 256 * 1024)
                {
                    buffer = new ArrayBufferWriter<byte>(1024);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            failure = ex;
        }

        if (Volatile.Read(ref _closed) == 0)
        {
            var reason = _socket.CloseStatus is { } status
                ? $"closed it ({(int)status} {_socket.CloseStatusDescription})".Replace(" )", ")", StringComparison.Ordinal)
                : $"failed ({failure?.Message ?? "the connection ended"})";
            Fail();
            EndAll(new SubgraphSubscriptionException($"The subscription connection to subgraph '{_subgraph}' {reason}.", failure ?? new WebSocketException()));
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> received)
    {
        using var message = JsonDocument.Parse(received);
        var root = message.RootElement;
        var type = TypeOf(root);
        if (type == "ping")
        {
            _ = SendQuietlyAsync(PongMessage);
            return;
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var idElement)
            || idElement.GetString() is not { } id
            || !_subscriptions.TryGetValue(id, out var subscription))
        {
            return;
        }

        switch (type)
        {
            case "next" when root.TryGetProperty("payload", out var payload):
                if (!subscription.TryWrite(Encoding.UTF8.GetBytes(payload.GetRawText())))
                {
                    // The gateway does not keep up with this subscription's events: end it rather than queue without bound.
                    Unsubscribe(subscription);
                    subscription.End(new SubgraphSubscriptionException($"The gateway fell behind the events of a subscription on subgraph '{_subgraph}' ({_client.EventQueueLimit} waiting)."));
                }

                break;
            case "error":
                _subscriptions.TryRemove(id, out _);
                subscription.End(new SubgraphSubscriptionException($"Subgraph '{_subgraph}' refused the subscription.")
                {
                    Errors = root.TryGetProperty("payload", out var errors) && errors.ValueKind == JsonValueKind.Array
                        ? Encoding.UTF8.GetBytes(errors.GetRawText())
                        : null,
                });
                break;
            case "complete":
                _subscriptions.TryRemove(id, out _);
                subscription.End();
                break;
        }
    }

    /// <summary>Reads one whole message into <paramref name="buffer"/>; false when the subgraph closed the connection.</summary>
    private async Task<bool> ReceiveAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        ValueWebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(buffer.GetMemory(1024), cancellationToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            buffer.Advance(received.Count);
        }
        while (!received.EndOfMessage);
        return true;
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task SendQuietlyAsync(ReadOnlyMemory<byte> message)
    {
        try
        {
            await SendAsync(message, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going; the reader ends what was on it.
        }
    }

    /// <summary>The connection failed: no new subscriptions go on it.</summary>
    private void Fail()
    {
        Interlocked.Exchange(ref _closed, 1);
        _client.Forget(this);
        _lifetime.Cancel();
        _socket.Abort();
    }

    private void EndAll(Exception error)
    {
        foreach (var id in _subscriptions.Keys)
        {
            if (_subscriptions.TryRemove(id, out var subscription))
            {
                subscription.End(error);
            }
        }
    }

    private async Task CloseSocketAsync()
    {
        try
        {
            await Ready.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open)
            {
                await _sending.WaitAsync(closing.Token).ConfigureAwait(false);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone already.
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
            _socket.Abort();
            _socket.Dispose();
            _lifetime.Dispose();
            _sending.Dispose();
        }
    }

    private static string? TypeOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static Uri WebSocketUri(Uri url) => new UriBuilder(url)
    {
        Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        Port = url.IsDefaultPort ? -1 : url.Port,
    }.Uri;

    private static byte[] InitMessage(IReadOnlyDictionary<string, string>? headers)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "connection_init");
            writer.WriteStartObject("payload");
            writer.WriteStartObject("headers");
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Frame(string id, string type, ReadOnlyMemory<byte>? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (payload?.Length ?? 0));
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
}
