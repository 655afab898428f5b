namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// Fire-and-forget publish/subscribe: every subscriber of a channel, in every process, receives each message published
/// while it is subscribed; nothing is kept for later. Redis pub/sub in production (<see cref="RedisMessageBus"/>),
/// <see cref="InProcessMessageBus"/> in the embedded default.
/// </summary>
public interface IMessageBus
{
    /// <summary>Publishes <paramref name="message"/> on <paramref name="channel"/>.</summary>
    Task PublishAsync(string channel, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="channel"/>; it is called once per message, one message at a
    /// time, in publication order. Returns once the subscription is active; disposing it unsubscribes.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default);
}
