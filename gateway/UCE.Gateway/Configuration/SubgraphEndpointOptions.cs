namespace UCE.Gateway.Configuration;

/// <summary>How the gateway reaches one subgraph (configuration <c>Gateway:Subgraphs:&lt;name&gt;</c>).</summary>
public sealed class SubgraphEndpointOptions
{
    /// <summary>Replaces the URL the supergraph's <c>@join__graph</c> names (e.g. a container's host name).</summary>
    public Uri? Url { get; set; }

    /// <summary>How long one request to this subgraph may take before it becomes an error.</summary>
    public TimeSpan? Timeout { get; set; }
}
