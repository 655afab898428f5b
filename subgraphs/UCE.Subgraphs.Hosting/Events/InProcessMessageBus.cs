using System.Threading.Channels;

namespace UCE.Subgraphs.Hosting.Events;

/// <summary><see cref="IMessageBus"/> within one process, for the embedded default and tests.</summary>
public sealed class InProcessMessageBus : IMessageBus
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<Subscription>> subscriptions = new(StringComparer.Ordinal);

    public Task PublishAsync(string channel, string message, CancellationToken cancellationToken = default)
    {
        Subscription[] receivers;
        lock (gate)
        {
            receivers = subscriptions.TryGetValue(channel, out var list) ? [.. list] : [];
        }

        foreach (var receiver in receivers)
        {
            receiver.Deliver(message);
        }

        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, channel, handler);
        lock (gate)
        {
            if (!subscriptions.TryGetValue(channel, out var list))
            {
                list = [];
                subscriptions.Add(channel, list);
            }

            list.Add(subscription);
        }

        return Task.FromResult<IAsyncDisposable>(subscription);
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (subscriptions.TryGetValue(subscription.Channel, out var list))
            {
                list.Remove(subscription);
            }
        }
    }

    /// <summary>One subscriber: its own queue and pump, so a slow handler never holds up the publisher or other subscribers.</summary>
    private sealed class Subscription : IAsyncDisposable
    {
        private readonly InProcessMessageBus bus;
        private readonly Channel<string> queue = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task pump;

        public Subscription(InProcessMessageBus bus, string channel, Func<string, Task> handler)
        {
            this.bus = bus;
            Channel = channel;
            pump = Task.Run(() => PumpAsync(handler));
        }

        public string Channel { get; }

        public void Deliver(string message) => queue.Writer.TryWrite(message);

        public async ValueTask DisposeAsync()
        {
            bus.Remove(this);
            queue.Writer.TryComplete();
            await pump.ConfigureAwait(false);
        }

        private async Task PumpAsync(Func<string, Task> handler)
        {
            await foreach (var message in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    await handler(message).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // As with Redis pub/sub, a failing handler loses its message and keeps its subscription.
                }
            }
        }
    }
}
