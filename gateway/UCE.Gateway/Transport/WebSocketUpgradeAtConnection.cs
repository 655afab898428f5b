using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using UCE.Gateway.Configuration;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Gateway.Transport;

/// <summary>
/// Kestrel connection middleware (<c>Gateway:Server:WebSocketsAtConnection</c>, on by default): a connection whose first
/// request is a <c>graphql-transport-ws</c> WebSocket upgrade of <c>/graphql</c> is answered here, below the HTTP server,
/// and the WebSocket runs straight on the connection's transport. Through the HTTP server an upgraded connection keeps its
/// HTTP/1.1 machinery for as long as it is open (the request and its headers, the response, the HTTP context, their
/// streams and timers: about 7 KB of a subscriber's 18), and each message passes through it on the way out. Anything else —
/// another method or path, a header this parser does not take, a malformed or incomplete handshake, an upgrade past
/// <see cref="GatewayServerOptions.MaxWebSocketConnections"/> — is handed to the HTTP server untouched, with the bytes read
/// so far still unread, and answered there as before (a WebSocket upgrade included).
/// </summary>
internal sealed partial class WebSocketUpgradeAtConnection
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly ConnectionDelegate _next;
    private readonly IServiceProvider _services;
    private readonly GatewayServerOptions _options;
    private GatewayWebSocketEndpoint? _endpoint;

    public WebSocketUpgradeAtConnection(ConnectionDelegate next, IServiceProvider services, GatewayServerOptions options)
    {
        _next = next;
        _services = services;
        _options = options;
    }

    private GatewayWebSocketEndpoint Endpoint => _endpoint ??= _services.GetRequiredService<GatewayWebSocketEndpoint>();

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var head = await PeekHeadAsync(connection).ConfigureAwait(false);
        if (head is null)
        {
            await _next(connection).ConfigureAwait(false);
            return;
        }

        var (request, length) = head.Value;
        var endpoint = Endpoint;
        if (!endpoint.TryOpenConnection(_options.MaxWebSocketConnections))
        {
            // At the limit: the HTTP server gets the request unread, and the endpoint refuses it there with a 503 (one count
            // for both ways in).
            await _next(connection).ConfigureAwait(false);
            return;
        }

        try
        {
            ConsumeHead(connection.Transport.Input, length);

            // Sends go straight to the connection's socket when the transport gives it (Kestrel's does), the 101 too, so
            // that nothing can overtake it through the output pipe.
            var stream = new DuplexPipeStream(connection.Transport, _options.WebSocketSendsOnSocket ? connection.Features.Get<IConnectionSocketFeature>()?.Socket : null);
            await stream.WriteAsync(SwitchingProtocols(request.Key)).ConfigureAwait(false);
            using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
            {
                IsServer = true,
                SubProtocol = GraphQLWebSocketMessageTypes.SubProtocol,
                KeepAliveInterval = TimeSpan.Zero,
            });
            var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
            var stopping = _services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var session = endpoint.RunAsync(socket, request.Authorization, request.QueryPlan, request.ApiKey, address, atConnection: true, connection.ConnectionClosed, stopping);

            // The upgrade's headers are the session's until connection_init; this frame, which waits for the connection's
            // whole life, keeps none of them.
            request = null!;
            head = null;
            await session.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or OperationCanceledException or WebSocketException)
        {
            // The client went away during the handshake or the session: nothing is left to answer.
        }
        finally
        {
            endpoint.CloseConnection();
        }
    }

    /// <summary>
    /// Reads the connection's first request head without taking it: the upgrade it asks for and the head's length, or
    /// <c>null</c> (all bytes left unread) when it is not one this middleware answers.
    /// </summary>
    private async Task<(UpgradeRequest Request, long Length)?> PeekHeadAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        deadline.CancelAfter(_options.KeepAliveTimeout + _options.RequestHeadersTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // No complete first request in time, or the client left: the HTTP server applies its own limits to it.
                return null;
            }

            var buffer = result.Buffer;
            var verdict = Inspect(buffer, out var request, out var length);
            if (verdict == Verdict.NeedMore && !result.IsCompleted && !result.IsCanceled && buffer.Length < _options.MaxRequestHeadersTotalSize)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            // Nothing taken either way: the head is consumed only once the upgrade is certain.
            input.AdvanceTo(buffer.Start, buffer.Start);
            return verdict == Verdict.Upgrade ? (request!, length) : null;
        }
    }

    private static void ConsumeHead(PipeReader input, long length)
    {
        if (!input.TryRead(out var result) || result.Buffer.Length < length)
        {
            throw new IOException("The upgrade request was no longer there to read.");
        }

        input.AdvanceTo(result.Buffer.GetPosition(length));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept, which proves the server read the handshake and protects nothing.")]
    private static byte[] SwitchingProtocols(string key)
    {
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
        return Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + $"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: {GraphQLWebSocketMessageTypes.SubProtocol}\r\n\r\n");
    }

    internal enum Verdict
    {
        /// <summary>Not a request this middleware answers: the HTTP server takes it.</summary>
        Pass,

        /// <summary>The head is not complete yet.</summary>
        NeedMore,

        /// <summary>A <c>graphql-transport-ws</c> upgrade of <c>/graphql</c> this middleware answers.</summary>
        Upgrade,
    }

    /// <summary>What the handshake carries for the connection: its key and the headers the session reads at <c>connection_init</c>.</summary>
    internal sealed record UpgradeRequest(string Key, string Authorization, string QueryPlan, string ApiKey);

    /// <summary>
    /// Decides on the bytes of a connection's start: <see cref="Verdict.Upgrade"/> only for <c>GET /graphql HTTP/1.1</c>
    /// (with or without a query) whose headers are plain <c>name: value</c> lines asking for a version 13 WebSocket
    /// (<c>Upgrade: websocket</c>, <c>Connection: upgrade</c>, a 16-byte <c>Sec-WebSocket-Key</c>) with the
    /// <c>graphql-transport-ws</c> subprotocol, a <c>Host</c>, and no body.
    /// </summary>
    internal Verdict Inspect(ReadOnlySequence<byte> buffer, out UpgradeRequest? request, out long length) =>
        Inspect(buffer, Endpoint.ApiKeyHeader, out request, out length);

    internal static Verdict Inspect(ReadOnlySequence<byte> buffer, string apiKeyHeader, out UpgradeRequest? request, out long length)
    {
        request = null;
        length = 0;
        ReadOnlySpan<byte> get = "GET "u8;
        var start = buffer.Length >= get.Length ? buffer.Slice(0, get.Length) : buffer;
        Span<byte> first = stackalloc byte[4];
        start.CopyTo(first);
        if (!get[..(int)start.Length].SequenceEqual(first[..(int)start.Length]))
        {
            return Verdict.Pass;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, HeadEnd))
        {
            return Verdict.NeedMore;
        }

        length = reader.Consumed;
        var head = Encoding.Latin1.GetString(headBytes);
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine is not ["GET", var target, "HTTP/1.1"] || (target.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? target[..query] : target) != "/graphql")
        {
            return Verdict.Pass;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[0] is ' ' or '\t' || line.AsSpan(0, colon).ContainsAny(" \t"))
            {
                return Verdict.Pass;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        if (!headers.ContainsKey("Host")
            || headers.ContainsKey("Transfer-Encoding")
            || (headers.TryGetValue("Content-Length", out var contentLength) && contentLength != "0")
            || !HasToken(headers, "Upgrade", "websocket")
            || !HasToken(headers, "Connection", "upgrade")
            || !HasToken(headers, "Sec-WebSocket-Protocol", GraphQLWebSocketMessageTypes.SubProtocol, StringComparison.Ordinal)
            || headers.GetValueOrDefault("Sec-WebSocket-Version") != "13"
            || headers.GetValueOrDefault("Sec-WebSocket-Key") is not { } key
            || !IsWebSocketKey(key))
        {
            return Verdict.Pass;
        }

        request = new UpgradeRequest(
            key,
            headers.GetValueOrDefault("Authorization") ?? "",
            headers.GetValueOrDefault(GraphQLHttpEndpoint.QueryPlanHeader) ?? "",
            headers.GetValueOrDefault(apiKeyHeader) ?? "");
        return Verdict.Upgrade;
    }

    private static bool HasToken(Dictionary<string, string> headers, string name, string token, StringComparison comparison = StringComparison.OrdinalIgnoreCase) =>
        headers.TryGetValue(name, out var value)
        && value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(part => part.Equals(token, comparison));

    private static bool IsWebSocketKey(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }
}
