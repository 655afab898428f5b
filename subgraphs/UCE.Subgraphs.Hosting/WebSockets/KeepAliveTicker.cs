using System.Collections.Concurrent;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// One timer per keep-alive interval for every WebSocket connection that pings at it, instead of a timer and a waiting
/// task per connection: ten thousand idle subscribers cost ten thousand dictionary entries, not ten thousand timers. A
/// connection's first ping comes within one interval of its start rather than exactly one interval after it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One ticker per interval lives as long as the process; its timer is never to stop.")]
internal sealed class KeepAliveTicker
{
    private static readonly ConcurrentDictionary<TimeSpan, KeepAliveTicker> Tickers = new();

    private readonly ConcurrentDictionary<GraphQLWebSocketConnection, byte> connections = new();
    // Held so that the timer lives as long as the ticker (a timer nobody references is collected and stops).
    private readonly Timer timer;

    private KeepAliveTicker(TimeSpan interval) =>
        timer = new Timer(static state => ((KeepAliveTicker)state!).Tick(), this, interval, interval);

    /// <summary>The ticker of <paramref name="interval"/>, started on first use and kept for the process's life.</summary>
    public static KeepAliveTicker For(TimeSpan interval) => Tickers.GetOrAdd(interval, static every => new KeepAliveTicker(every));

    public void Add(GraphQLWebSocketConnection connection) => connections.TryAdd(connection, 0);

    public void Remove(GraphQLWebSocketConnection connection) => connections.TryRemove(connection, out _);

    private void Tick()
    {
        GC.KeepAlive(timer);

        // Enumerating a concurrent dictionary takes no snapshot and tolerates connections coming and going meanwhile.
        foreach (var connection in connections)
        {
            connection.Key.KeepAliveTick();
        }
    }
}
