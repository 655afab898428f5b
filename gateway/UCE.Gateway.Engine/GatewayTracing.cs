using System.Diagnostics;

namespace UCE.Gateway.Engine;

/// <summary>The gateway's spans (source <see cref="SourceName"/>): one <c>subgraph.fetch</c> per request sent to a subgraph.</summary>
public static class GatewayTracing
{
    /// <summary>The name of the gateway's <see cref="ActivitySource"/>.</summary>
    public const string SourceName = "UCE.Gateway";

    public static readonly ActivitySource Source = new(SourceName);
}
