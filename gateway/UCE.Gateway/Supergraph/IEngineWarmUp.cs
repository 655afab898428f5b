using UCE.Gateway.Engine;

namespace UCE.Gateway.Supergraph;

/// <summary>
/// Work done on a new engine so that its first requests find it ready. <see cref="SupergraphFileWatcher"/> awaits every
/// warm-up on a new engine before it serves, and again once it serves, so that a warm-up can catch up with anything that
/// changed while the engine was being swapped in; the second call should cost little when nothing changed. A warm-up that
/// fails is logged and the engine serves all the same.
/// </summary>
public interface IEngineWarmUp
{
    ValueTask WarmUpAsync(IGatewayEngine engine, CancellationToken cancellationToken);
}
