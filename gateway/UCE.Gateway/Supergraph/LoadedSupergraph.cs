using UCE.Gateway.Engine;

namespace UCE.Gateway.Supergraph;

/// <summary>
/// One loaded supergraph and its engine. Requests hold a lease while they run, so that a hot
/// reload can retire it without cutting them off: the engine is disposed when it is retired and
/// its last lease is released.
/// </summary>
/// <remarks>
/// Serving counts as a reference of its own: the count starts at one, retiring drops that one, and
/// the engine is disposed by whichever decrement reaches zero. Zero is final: a lease is only taken
/// by incrementing a count that is still above zero, so "the count reached zero" and "dispose" are
/// one atomic decision. (Checking a separate retired flag after the decrement is not: a request
/// can take a lease between another request's decrement and its read of the flag, and then find
/// its engine disposed under it.)
/// </remarks>
public sealed class LoadedSupergraph
{
    private int _references = 1;
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
    public int ActiveRequests => Math.Max(0, Volatile.Read(ref _references) - (Volatile.Read(ref _retired) == 1 ? 0 : 1));

    /// <summary>True once the engine has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>Takes a lease unless the engine is already gone (retired and left by its last request).</summary>
    internal bool TryAddLease()
    {
        var count = Volatile.Read(ref _references);
        while (count > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    /// <summary>Runs between a release's decrement and its dispose decision: lets a test interleave there.</summary>
    internal Action? AfterLeaseReleased { get; set; }

    internal void ReleaseLease()
    {
        var remaining = Interlocked.Decrement(ref _references);
        AfterLeaseReleased?.Invoke();
        if (remaining == 0)
        {
            DisposeEngine();
        }
    }

    internal void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            ReleaseLease();
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
