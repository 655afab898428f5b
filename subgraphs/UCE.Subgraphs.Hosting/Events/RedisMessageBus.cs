using StackExchange.Redis;

namespace UCE.Subgraphs.Hosting.Events;

/// <summary><see cref="IMessageBus"/> on Redis pub/sub: every process subscribed to a channel receives every message.</summary>
public sealed class RedisMessageBus(IConnectionMultiplexer redis) : IMessageBus
{
    public async Task PublishAsync(string channel, string message, CancellationToken cancellationToken = default) =>
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message).ConfigureAwait(false);

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel)).ConfigureAwait(false);

        // The queue hands messages over one at a time, in order.
        queue.OnMessage(message => handler(message.Message.ToString()));
        return new Subscription(queue);
    }

    private sealed class Subscription(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync().ConfigureAwait(false);
    }
}
