using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UCE.Subgraphs.Hosting.AccessLog;

/// <summary>Creates the access log table on start; registered after the subgraph's own database is prepared, which it may share.</summary>
internal sealed class AgentAccessLogInitializer(AgentAccessLogStore store, ILogger<AgentAccessLogInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureCreatedAsync(logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
