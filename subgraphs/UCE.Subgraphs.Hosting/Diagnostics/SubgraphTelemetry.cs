using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>Logging, tracing and metrics every subgraph shares.</summary>
public static class SubgraphTelemetry
{
    /// <summary>The source of the GraphQL request spans (<c>graphql.execute</c>).</summary>
    public static readonly ActivitySource Source = new("UCE.Subgraphs");

    /// <summary>The meters exported from the host that created them: the subgraphs' own and ASP.NET Core's server meters.</summary>
    public static readonly string[] HostMeters =
    [
        SubgraphMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>The meters exported wherever they are created: the HTTP client's.</summary>
    public static readonly string[] ProcessMeters = ["System.Net.Http"];

    internal static void AddSubgraphLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (Console.IsOutputRedirected)
        {
            // Containers and log shippers read one JSON object per line.
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }
    }

    internal static void AddSubgraphTracing(this WebApplicationBuilder builder, SubgraphModule module)
    {
        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("uce-" + module.Name))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(Source.Name)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) && !http.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(endpoint))
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    /// <summary>
    /// Registers <see cref="SubgraphMetrics"/>, the monitor of stream lag, and the export of <see cref="HostMeters"/> and
    /// <see cref="ProcessMeters"/> as service
    /// <c>uce-</c><paramref name="module"/>: for Prometheus unless <c>Subgraph:Metrics:Enabled</c> is false, over OTLP
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    internal static void AddSubgraphMetrics(this WebApplicationBuilder builder, SubgraphModule module)
    {
        var options = SubgraphMetricsOptions.Read(builder.Configuration);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SubgraphMetrics>();
        var prometheus = options.Enabled;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return;
        }

        builder.Services.AddHostedService<StreamLagMonitor>();
        builder.Services.AddExportedMeters(HostMeters, ProcessMeters);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("uce-" + module.Name))
            .WithMetrics(metrics =>
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
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus text format) when the export is on.</summary>
    internal static void MapSubgraphMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<SubgraphMetricsOptions>().Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint("/metrics");
        }
    }
}
