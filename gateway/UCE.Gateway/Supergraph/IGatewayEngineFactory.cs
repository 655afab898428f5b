using UCE.Gateway.Engine;

namespace UCE.Gateway.Supergraph;

/// <summary>Builds an engine for one supergraph SDL; the seam between the host and the engine.</summary>
public interface IGatewayEngineFactory
{
    /// <summary>
    /// Parses <paramref name="supergraphSdl"/> and returns an engine serving it; throws when the SDL is
    /// not a usable supergraph (the message says why). The engine may be <see cref="IAsyncDisposable"/>
    /// or <see cref="IDisposable"/>: it is disposed once it is replaced and its last request is done.
    /// </summary>
    IGatewayEngine Create(string supergraphSdl);
}
