using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>
/// Which meters a host exports through OpenTelemetry. A meter a host creates with its own <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
/// (its own metrics, ASP.NET Core's, Kestrel's) is exported only from that host: two hosts in one process (the embedded
/// default, the tests) each export their own instruments, never the other's under the same names. A process-wide meter
/// (the runtime's) is exported from wherever it is created.
/// </summary>
public static class ExportedMeters
{
    /// <summary>The name under which OpenTelemetry listens through <see cref="IMetricsBuilder"/>.</summary>
    public const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// Enables <paramref name="hostMeters"/> for the OpenTelemetry listener when this host's meter factory created them,
    /// and <paramref name="processMeters"/> wherever they come from. Used instead of <c>MeterProviderBuilder.AddMeter</c>,
    /// which listens to every meter of the name in the process.
    /// </summary>
    public static IServiceCollection AddExportedMeters(this IServiceCollection services, IEnumerable<string> hostMeters, IEnumerable<string> processMeters)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(hostMeters);
        ArgumentNullException.ThrowIfNull(processMeters);
        services.AddMetrics(metrics =>
        {
            foreach (var name in hostMeters)
            {
                metrics.EnableMetrics(name, instrumentName: null, listenerName: OpenTelemetryListener, scopes: MeterScope.Local);
            }

            foreach (var name in processMeters)
            {
                metrics.EnableMetrics(name, instrumentName: null, listenerName: OpenTelemetryListener, scopes: MeterScope.Global | MeterScope.Local);
            }
        });
        return services;
    }
}
