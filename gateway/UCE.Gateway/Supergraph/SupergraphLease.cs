using UCE.Gateway.Engine;

namespace UCE.Gateway.Supergraph;

/// <summary>A request's hold on the supergraph it started on; dispose it when the response is written.</summary>
public sealed class SupergraphLease : IDisposable
{
    private LoadedSupergraph? _supergraph;

    internal SupergraphLease(LoadedSupergraph supergraph)
    {
        _supergraph = supergraph;
        Engine = supergraph.Engine;
    }

    public IGatewayEngine Engine { get; }

    public void Dispose() => Interlocked.Exchange(ref _supergraph, null)?.ReleaseLease();
}
