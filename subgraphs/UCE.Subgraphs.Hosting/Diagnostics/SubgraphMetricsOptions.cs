using Microsoft.Extensions.Configuration;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>The subgraph metrics: <c>Subgraph:Metrics:Enabled</c> (the <c>/metrics</c> endpoint) and <c>Subgraph:Metrics:RefreshInterval</c>.</summary>
public sealed record SubgraphMetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Subgraph:Metrics";

    /// <summary>Exports for Prometheus at <c>/metrics</c> (on by default).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// How often stream lag is read from the stream, and the longest the relay goes without measuring its outbox: at most
    /// one <c>XINFO GROUPS</c> per watched stream and one indexed count of waiting rows per interval.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    public static SubgraphMetricsOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).Get<SubgraphMetricsOptions>() ?? new SubgraphMetricsOptions();
    }
}
