using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Events;

/// <summary>
/// This instance's one subscription to the change channel, fanned out to its GraphQL subscriptions. For each change a
/// subscription wants, the outage is read once (as committed) and handed to every such subscription.
/// </summary>
public sealed class OutageChangeFeed(
    IMessageBus bus,
    GridEventOptions options,
    IDbContextFactory<OutagesDbContext> contexts,
    ILogger<OutageChangeFeed> logger) : IHostedService, IAsyncDisposable
{
    private readonly object gate = new();
    private Listener[] listeners = [];
    private IAsyncDisposable? subscription;

    /// <summary>How many GraphQL subscriptions listen on this instance.</summary>
    public int ListenerCount => Volatile.Read(ref listeners).Length;

    /// <summary>The outages whose changes <paramref name="wants"/> accepts, as they are after each such change.</summary>
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

    private async Task OnMessageAsync(string message)
    {
        if (OutageChanged.FromJson(message) is not { } change)
        {
            logger.LogWarning("Ignored a message on {Channel} that is not an outage change", options.ChangesChannel);
            return;
        }

        var interested = Volatile.Read(ref listeners).Where(listener => listener.Wants(change)).ToList();
        if (interested.Count == 0)
        {
            return;
        }

        Outage? outage;
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            outage = await db.Outages.AsNoTracking().SingleOrDefaultAsync(o => o.Id == change.OutageId);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not read outage {OutageId} for its subscribers", change.OutageId);
            return;
        }

        if (outage is null)
        {
            return;
        }

        foreach (var listener in interested)
        {
            listener.Observer.OnNext(outage);
        }
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
