using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using UCE.Gateway.Persisted;

namespace UCE.Gateway.Diagnostics;

/// <summary>The gateway's metrics export.</summary>
public static class GatewayTelemetry
{
    /// <summary>
    /// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> configured, exports the meter <see cref="PersistedDocumentMetrics.MeterName"/>
    /// over OTLP as service <c>uce-gateway</c>; without it nothing is added, and tools such as <c>dotnet-counters</c> can
    /// still read the meter.
    /// </summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("uce-gateway"))
            .WithMetrics(metrics => metrics.AddMeter(PersistedDocumentMetrics.MeterName).AddOtlpExporter());
        return services;
    }
}
