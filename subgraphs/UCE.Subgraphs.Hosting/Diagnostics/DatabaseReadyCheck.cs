using Microsoft.Extensions.Diagnostics.HealthChecks;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>Ready means the subgraph's database answers a query.</summary>
internal sealed class DatabaseReadyCheck(SubgraphModule module, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = DatabaseRegistration.CreateContext(services, module);
            return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
