using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Resilience;

/// <summary>
/// The first step of a shutdown (<see cref="GatewayServerOptions.DrainDelay"/>): the host is stopping but nothing has
/// stopped yet, <c>/health</c> answers 503 so that a load balancer takes this instance out, and requests are still served
/// for the delay. Then the server stops accepting and finishes what is in flight, as without a delay.
/// </summary>
public sealed partial class ShutdownDrain(IOptions<GatewayHostOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService, IHealthCheck
{
    private readonly TimeSpan delay = options.Value.Server.DrainDelay;
    private volatile bool draining;

    /// <summary>True from the moment the host began stopping with a drain delay.</summary>
    public bool Draining => draining;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining ? HealthCheckResult.Unhealthy("draining: the gateway is shutting down") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        draining = true;
        LogDraining(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: /health answers 503 and requests are still served for {Seconds} s")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
