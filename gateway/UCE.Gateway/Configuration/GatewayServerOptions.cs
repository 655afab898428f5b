namespace UCE.Gateway.Configuration;

/// <summary>
/// The gateway's HTTP server limits and shutdown (configuration <c>Gateway:Server</c>), chosen rather than inherited:
/// Kestrel's own defaults keep idle connections 130 s and accept any number of them.
/// </summary>
public sealed class GatewayServerOptions
{
    /// <summary>Open connections at most (HTTP and WebSocket); the next one is refused until one closes.</summary>
    public long MaxConnections { get; set; } = 25_000;

    /// <summary>Open WebSockets at most (subscriptions): 10,000 subscribers per instance is the fan-out the bench measures.</summary>
    public long MaxWebSocketConnections { get; set; } = 20_000;

    /// <summary>
    /// A connection that starts with a <c>graphql-transport-ws</c> WebSocket upgrade of <c>/graphql</c> is answered below the
    /// HTTP server and its WebSocket runs on the connection itself, without the HTTP/1.1 request it came as (about 7 KB less
    /// per subscriber, and a shorter way out for every message). Off: every upgrade goes through the HTTP server.
    /// </summary>
    public bool WebSocketsAtConnection { get; set; } = true;

    /// <summary>
    /// With <see cref="WebSocketsAtConnection"/>: a WebSocket's messages are sent on the connection's socket by the thread
    /// that sends them (for a subscription event, the one that hands it to every subscriber), instead of through the
    /// transport's output pipe and its sending task. Off: through the pipe, as HTTP responses go.
    /// </summary>
    public bool WebSocketSendsOnSocket { get; set; } = true;

    /// <summary>How long an idle keep-alive connection is kept (a load balancer's idle timeout should be longer).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client has to send a request's headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A request's headers in bytes at most (a bearer token with many scopes fits).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>
    /// On SIGTERM: new connections are refused at once, subscriptions are closed with 1001 (WebSocket) or their stream
    /// ends (server-sent events) so clients reconnect elsewhere, and requests in flight get this long to finish.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// On SIGTERM, before anything stops: <c>/health</c> answers 503 (draining) while requests and new connections are still
    /// served this long, so that a load balancer checking health stops sending requests here before the connections close.
    /// 0 (the default) where the platform drains first (Kubernetes' preStop pause, as the Helm chart sets); a few seconds
    /// behind a balancer that only checks health. Counted within <see cref="ShutdownTimeout"/>.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The configuration problems, for the options validation at start.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxConnections < 1 || MaxWebSocketConnections < 1 || MaxRequestHeadersTotalSize < 4096)
        {
            yield return "Gateway:Server: MaxConnections and MaxWebSocketConnections must be positive, MaxRequestHeadersTotalSize at least 4096.";
        }

        if (KeepAliveTimeout <= TimeSpan.Zero || RequestHeadersTimeout <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            yield return "Gateway:Server: KeepAliveTimeout and RequestHeadersTimeout must be positive, ShutdownTimeout not negative.";
        }

        if (DrainDelay < TimeSpan.Zero || (DrainDelay > TimeSpan.Zero && DrainDelay >= ShutdownTimeout))
        {
            yield return "Gateway:Server: DrainDelay must not be negative and must be shorter than ShutdownTimeout, which it counts within.";
        }
    }
}
