using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>Logging and tracing every subgraph shares.</summary>
public static class SubgraphTelemetry
{
    /// <summary>The source of the GraphQL request spans (<c>graphql.execute</c>).</summary>
    public static readonly ActivitySource Source = new("UCE.Subgraphs");

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
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(endpoint))
                {
                    tracing.AddOtlpExporter();
                }
            });
    }
}
