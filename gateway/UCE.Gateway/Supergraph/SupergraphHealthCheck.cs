using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UCE.Gateway.Supergraph;

/// <summary>Healthy once a supergraph is served: <c>/health</c> answers 503 before that.</summary>
public sealed class SupergraphHealthCheck(ActiveSupergraph active) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(active.Current is { } current
            ? HealthCheckResult.Healthy($"supergraph loaded at {current.LoadedAt:O}")
            : HealthCheckResult.Unhealthy("no supergraph loaded"));
}
