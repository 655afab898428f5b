using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Events;

/// <summary>
/// This instance's one subscription to the change channel, fanned out to its GraphQL subscriptions: each change goes to
/// every subscription whose filter wants it, as the outage that change left (<see cref="OutageChanged.ToOutage"/>), in the
/// order the changes were published. Nothing is read from the database per change.
/// </summary>
public sealed class OutageChangeFeed(IMessageBus bus, GridEventOptions options, ILogger<OutageChangeFeed> logger) : IHostedService, IAsyncDisposable
{
    private readonly object gate = new();
    private Listener[] listeners = [];
    private IAsyncDisposable? subscription;
    private OutageChanged? lastChange;

    /// <summary>How many GraphQL subscriptions listen on this instance.</summary>
    public int ListenerCount => Volatile.Read(ref listeners).Length;

    /// <summary>The last change this instance heard of (diagnostics, and tests that wait for the channel to drain).</summary>
    public OutageChanged? LastChange => Volatile.Read(ref lastChange);

    /// <summary>The outages whose changes <paramref name="wants"/> accepts, as each such change left them.</summary>
    public IObservable<Outage> Observe(Func<OutageChanged, bool> wants) => new Filtered(this, wants);

    public async Task StartAsync(CancellationToken cancellationToken) =>
        subscription = await bus.SubscribeAsync(options.ChangesChannel, OnMessageAsync, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref subscription, null) is { } active)
        {
            await active.DisposeAsync();
        }

        foreach (var listener in Interlocked.Exchange(ref listeners, []))
        {
            listener.Observer.OnCompleted();
        }
    }

    private Task OnMessageAsync(string message)
    {
        if (OutageChanged.FromJson(message) is not { } change)
        {
            logger.LogWarning("Ignored a message on {Channel} that is not an outage change", options.ChangesChannel);
            return Task.CompletedTask;
        }

        Outage? outage = null;
        foreach (var listener in Volatile.Read(ref listeners))
        {
            if (listener.Wants(change))
            {
                outage ??= change.ToOutage();
                listener.Observer.OnNext(outage);
            }
        }

        Volatile.Write(ref lastChange, change);
        return Task.CompletedTask;
    }

    private Removal Add(Listener listener)
    {
        lock (gate)
        {
            listeners = [.. listeners, listener];
        }

        return new Removal(this, listener);
    }

    private void Remove(Listener listener)
    {
        lock (gate)
        {
            listeners = [.. listeners.Where(l => !ReferenceEquals(l, listener))];
        }
    }

    private sealed record Listener(Func<OutageChanged, bool> Wants, IObserver<Outage> Observer);

    private sealed class Filtered(OutageChangeFeed feed, Func<OutageChanged, bool> wants) : IObservable<Outage>
    {
        public IDisposable Subscribe(IObserver<Outage> observer) => feed.Add(new Listener(wants, observer));
    }

    private sealed class Removal(OutageChangeFeed feed, Listener listener) : IDisposable
    {
        public void Dispose() => feed.Remove(listener);
    }
}
