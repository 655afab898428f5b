using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UCE.Gateway.Supergraph;

/// <summary>
/// Healthy once a supergraph is served: <c>/health</c> answers 503 before that. The answer names the supergraph served
/// (its hash, when it was loaded, how many loads so far), so every replica behind a load balancer can be asked which
/// schema it serves.
/// </summary>
public sealed class SupergraphHealthCheck(ActiveSupergraph active) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(active.Current is { } current
            ? HealthCheckResult.Healthy($"supergraph loaded at {current.LoadedAt:O}", new Dictionary<string, object>
            {
                ["hash"] = current.ContentHash,
                ["loadedAt"] = current.LoadedAt,
                ["loads"] = active.Generation,
            })
            : HealthCheckResult.Unhealthy("no supergraph loaded"));

    /// <summary><c>{"status":"Healthy","supergraph":{"hash":"…","loadedAt":"…","loads":1}}</c>; without a supergraph, <c>"supergraph":null</c>.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WritePropertyName("supergraph");
        // Entries are structs: look for the data itself, which is null when no entry carries a supergraph.
        if (report.Entries.Values.Select(entry => entry.Data).FirstOrDefault(data => data is not null && data.ContainsKey("hash")) is { } data)
        {
            writer.WriteStartObject();
            writer.WriteString("hash", (string)data["hash"]);
            writer.WriteString("loadedAt", (DateTimeOffset)data["loadedAt"]);
            writer.WriteNumber("loads", (int)data["loads"]);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }
}
