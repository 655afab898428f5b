namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// One operation a <c>subscribe</c> started on a connection: stopped by the client's <c>complete</c>, by the end of its
/// stream or by the connection closing, whichever comes first, and then unsubscribed from its source.
/// </summary>
internal sealed class WebSocketOperation : IDisposable
{
    private readonly object gate = new();
    private readonly CancellationTokenSource cancellation = new();
    private IDisposable? subscription;
    private bool stopped;

    public WebSocketOperation(string id)
    {
        Id = id;
        Stopping = cancellation.Token;
    }

    public string Id { get; }

    /// <summary>Cancelled when the operation stops (its execution, not the source's events).</summary>
    public CancellationToken Stopping { get; }

    public bool IsStopped
    {
        get
        {
            lock (gate)
            {
                return stopped;
            }
        }
    }

    /// <summary>Keeps the subscription to the result stream; disposes it at once when the operation already stopped.</summary>
    public void Attach(IDisposable streamSubscription)
    {
        lock (gate)
        {
            if (!stopped)
            {
                subscription = streamSubscription;
                return;
            }
        }

        streamSubscription.Dispose();
    }

    /// <summary>Stops the operation: cancels its execution and unsubscribes from its stream. Idempotent.</summary>
    public void Stop()
    {
        IDisposable? toDispose;
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
            toDispose = subscription;
            subscription = null;
        }

        // The source's subscription is not disposed while a lock of ours is held: it may call back into the observer.
        // Disposed once cancelled, the token still reads as cancelled and late registrations run at once.
        cancellation.Cancel();
        cancellation.Dispose();
        toDispose?.Dispose();
    }

    public void Dispose() => Stop();
}
