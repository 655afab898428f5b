using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using UCE.Gateway.Engine;
using UCE.Gateway.Resilience;
using UCE.Subgraphs.Hosting.Diagnostics;

namespace UCE.Gateway.Diagnostics;

/// <summary>
/// The gateway's metrics export (Prometheus at <c>/metrics</c>, and OTLP when an endpoint is configured) and its traces
/// (over OTLP when an endpoint is configured): the server span of each request, a <c>subgraph.fetch</c> span per
/// subgraph request and the HTTP client's span below it.
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>The configuration key that turns the <c>/metrics</c> endpoint off.</summary>
    public const string PrometheusEnabledKey = "Gateway:Metrics:Enabled";

    /// <summary>The meters exported from the host that created them: the gateway's own, its subgraph circuits, ASP.NET Core's server meters.</summary>
    public static readonly string[] HostMeters =
    [
        GatewayMetrics.MeterName,
        SubgraphCircuits.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    /// <summary>The meters exported wherever they are created: the runtime's (GC heap size and collections, working set, thread pool queue, exceptions).</summary>
    public static readonly string[] ProcessMeters = ["System.Runtime"];

    /// <summary>
    /// Registers <see cref="GatewayMetrics"/> and the export of <see cref="HostMeters"/> and <see cref="ProcessMeters"/> as service <c>uce-gateway</c>: for
    /// Prometheus unless <c>Gateway:Metrics:Enabled</c> is false, over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
    /// and then the traces too.
    /// </summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<GatewayMetrics>();
        var prometheus = configuration.GetValue(PrometheusEnabledKey, true);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("uce-gateway"));
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GatewayTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) && !http.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        services.AddExportedMeters(HostMeters, ProcessMeters);
        telemetry.WithMetrics(metrics =>
        {
            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus text format) when the export is on.</summary>
    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(PrometheusEnabledKey, true))
        {
            endpoints.MapPrometheusScrapingEndpoint("/metrics");
        }

        return endpoints;
    }
}
