namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// One operation a <c>subscribe</c> started on a connection: stopped by the client's <c>complete</c>, by the end of its
/// stream or by the connection closing, whichever comes first; stopping cancels <see cref="Stopping"/>, which its run
/// (and the source it subscribed to) obeys.
/// </summary>
internal sealed class WebSocketOperation : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private int stopped;

    public WebSocketOperation(string id)
    {
        Id = id;
        Stopping = cancellation.Token;
    }

    public string Id { get; }

    /// <summary>Cancelled when the operation stops.</summary>
    public CancellationToken Stopping { get; }

    public bool IsStopped => Volatile.Read(ref stopped) == 1;

    /// <summary>Stops the operation: cancels its run. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        // Disposed once cancelled, the token still reads as cancelled and late registrations run at once.
        cancellation.Cancel();
        cancellation.Dispose();
    }

    public void Dispose() => Stop();
}
