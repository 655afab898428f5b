using UCE.Gateway.Engine;

namespace UCE.Gateway.Supergraph;

/// <summary>
/// One loaded supergraph and its engine. Requests hold a lease while they run, so that a hot
/// reload can retire it without cutting them off: the engine is disposed when it is retired and
/// its last lease is released.
/// </summary>
public sealed class LoadedSupergraph
{
    private int _leases;
    private int _retired;
    private int _disposed;

    public LoadedSupergraph(IGatewayEngine engine, string contentHash, DateTimeOffset loadedAt)
    {
        Engine = engine;
        ContentHash = contentHash;
        LoadedAt = loadedAt;
    }

    public IGatewayEngine Engine { get; }

    /// <summary>SHA-256 of the SDL, hex: a rewrite with identical content is not a reload.</summary>
    public string ContentHash { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The number of requests running on this supergraph.</summary>
    public int ActiveRequests => Volatile.Read(ref _leases);

    /// <summary>True once the engine has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    internal void AddLease() => Interlocked.Increment(ref _leases);

    internal void ReleaseLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) == 1)
        {
            DisposeEngine();
        }
    }

    internal void Retire()
    {
        // Exchange is a full fence: the lease count below is read after the flag is visible to releasers.
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _leases) == 0)
        {
            DisposeEngine();
        }
    }

    private void DisposeEngine()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        switch (Engine)
        {
            case IAsyncDisposable asyncDisposable:
                // Disposal runs off the request path; a failing dispose must not surface in a response.
                _ = Task.Run(async () => await asyncDisposable.DisposeAsync());
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
