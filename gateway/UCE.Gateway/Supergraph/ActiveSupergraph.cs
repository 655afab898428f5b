namespace UCE.Gateway.Supergraph;

/// <summary>The supergraph the gateway serves right now; swapped atomically by a reload.</summary>
public sealed class ActiveSupergraph : IDisposable
{
    private LoadedSupergraph? _current;
    private int _generation;

    /// <summary>The served supergraph, or <c>null</c> before the first successful load.</summary>
    public LoadedSupergraph? Current => Volatile.Read(ref _current);

    /// <summary>The number of successful loads (the first load included).</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// The current supergraph with a lease taken on it (dispose the lease when the request is done),
    /// or <c>null</c> when none is loaded yet.
    /// </summary>
    public SupergraphLease? Acquire()
    {
        while (true)
        {
            var current = Current;
            if (current is null)
            {
                return null;
            }

            if (current.TryAddLease())
            {
                if (ReferenceEquals(current, Current))
                {
                    return new SupergraphLease(current);
                }

                // A reload swapped it between the read and the lease: let go and take the new one.
                current.ReleaseLease();
            }
        }
    }

    /// <summary>Makes <paramref name="next"/> the served supergraph and retires the previous one.</summary>
    public void Swap(LoadedSupergraph next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        Interlocked.Increment(ref _generation);
        previous?.Retire();
    }

    /// <summary>Retires the served supergraph at shutdown; its engine is disposed once its last request ends.</summary>
    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Retire();
}
