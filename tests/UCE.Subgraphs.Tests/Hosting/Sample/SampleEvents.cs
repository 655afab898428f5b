namespace UCE.Subgraphs.Tests.Hosting.Sample;

/// <summary>The sample subgraph's event sources; tests publish on them and watch who listens.</summary>
public sealed class SampleEvents
{
    /// <summary>Widgets renamed (anyone may subscribe).</summary>
    public SampleEventStream<Widget> WidgetRenamed { get; } = new();

    /// <summary>Alerts for staff only.</summary>
    public SampleEventStream<string> StaffAlerts { get; } = new();

    /// <summary>Notices, each for one customer (the <c>Notice</c> type's rule decides who sees each).</summary>
    public SampleEventStream<Notice> Notices { get; } = new();
}

/// <summary>A customer's notice: data owned by one customer.</summary>
public sealed record Notice(string CustomerId, string Text);

/// <summary>
/// A hot event source for tests: <see cref="Publish"/> reaches every current subscriber; <see cref="Subscribers"/>
/// tells whether a transport unsubscribed (client complete, disconnect, slow consumer dropped).
/// </summary>
public sealed class SampleEventStream<T> : IObservable<T>
{
    private readonly object gate = new();
    private readonly List<IObserver<T>> observers = [];
    private int subscriptions;

    public int Subscribers
    {
        get
        {
            lock (gate)
            {
                return observers.Count;
            }
        }
    }

    /// <summary>How many subscriptions were ever made.</summary>
    public int Subscriptions => Volatile.Read(ref subscriptions);

    public IDisposable Subscribe(IObserver<T> observer)
    {
        lock (gate)
        {
            observers.Add(observer);
            subscriptions++;
        }

        return new Unsubscriber(this, observer);
    }

    public void Publish(T value)
    {
        foreach (var observer in Snapshot())
        {
            observer.OnNext(value);
        }
    }

    public void Fail(Exception error)
    {
        foreach (var observer in Snapshot())
        {
            observer.OnError(error);
        }
    }

    public void CompleteAll()
    {
        foreach (var observer in Snapshot())
        {
            observer.OnCompleted();
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>, 10 s by default) until <paramref name="condition"/> holds of the subscriber count.</summary>
    public async Task WaitForSubscribersAsync(Func<int, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(Subscribers))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The subscriber count stayed at {Subscribers}.");
            }

            await Task.Delay(10);
        }
    }

    private IObserver<T>[] Snapshot()
    {
        lock (gate)
        {
            return [.. observers];
        }
    }

    private sealed class Unsubscriber(SampleEventStream<T> stream, IObserver<T> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (stream.gate)
            {
                stream.observers.Remove(observer);
            }
        }
    }
}
