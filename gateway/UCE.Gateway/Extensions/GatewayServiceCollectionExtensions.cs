using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using UCE.Gateway.Authentication;
using UCE.Gateway.Configuration;
using UCE.Gateway.Diagnostics;
using UCE.Gateway.Ide;
using UCE.Gateway.Persisted;
using UCE.Gateway.RateLimiting;
using UCE.Gateway.Resilience;
using UCE.Gateway.Security;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Supergraph;
using UCE.Gateway.Transport;

namespace UCE.Gateway.Extensions;

/// <summary>Registers the gateway host's services.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Options, the served supergraph and its file watcher, bearer token authentication, the transport, the IDE, the
    /// subgraph failure log and the health check.
    /// Options, the served supergraph and its file watcher, bearer token authentication, rate limits, trusted documents,
    /// the transport, the subgraph failure log, the metrics export and the health check.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayHostOptions>()
            .Bind(configuration.GetSection(GatewayHostOptions.SectionName))
            .Validate(options => options.MaxBatchSize > 0, "Gateway:MaxBatchSize must be positive.")
            .Validate(options => options.MaxRequestBodyBytes > 0, "Gateway:MaxRequestBodyBytes must be positive.")
            .Validate(options => options.DefaultSubgraphTimeout > TimeSpan.Zero, "Gateway:DefaultSubgraphTimeout must be positive.")
            .Validate(options => options.SubgraphFailureLogInterval >= TimeSpan.Zero, "Gateway:SubgraphFailureLogInterval must not be negative.")
            .Validate(options => options.SupergraphUrl is null || (options.SupergraphUrl.Scheme is "http" or "https" && string.IsNullOrWhiteSpace(options.SupergraphPath) && options.SupergraphPollInterval >= TimeSpan.FromSeconds(1)),
                "Gateway:SupergraphUrl must be an http(s) URL, given instead of Gateway:SupergraphPath, with SupergraphPollInterval at least 1 s.")
            .Validate(options => !options.Server.Problems().Any(), "Gateway:Server is invalid: positive connection limits and timeouts, MaxRequestHeadersTotalSize ≥ 4096.")
            .Validate(options => !options.Resilience.Problems().Any(), "Gateway:Resilience is invalid: FailureRatio in (0, 1], MinimumThroughput ≥ 2, SamplingDuration and BreakDuration ≥ 0.5 s, ConnectionRetries 0–5.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayHostOptions>, GatewayAuthenticationValidation>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ActiveSupergraph>();
        services.AddSingleton<SupergraphFileWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<SupergraphFileWatcher>());
        services.AddSingleton<ISubgraphFetchFailureObserver, SubgraphFetchFailureLog>();
        services.AddSingleton<ISubgraphRequestSigner>(provider => new IdentityRequestSigner(
            IdentitySigningConfiguration.SigningKey(configuration), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SubgraphCircuits>();
        services.AddSingleton<IGatewayEngineFactory, FederatedGatewayEngineFactory>();
        services.AddSingleton<DevelopmentKeyTrust>();
        services.AddSingleton<TokenSigningKeys>();
        services.AddHostedService(provider => provider.GetRequiredService<TokenSigningKeys>());
        services.AddSingleton<BearerTokenAuthenticator>();
        services.AddSingleton<ForwardedHeaderSelector>();
        services.AddGatewayRateLimiting(configuration);
        services.AddSingleton<GraphQLIdeAssets>();
        services.AddSingleton<GraphQLIdeEndpoint>();
        services.AddGatewayPersistedDocuments(configuration);
        services.AddGatewayTelemetry(configuration);
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GatewayWebSocketEndpoint>();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddHealthChecks()
            .AddCheck<SupergraphHealthCheck>("supergraph")
            .Add(new HealthCheckRegistration("draining", provider => provider.GetRequiredService<ShutdownDrain>(), HealthStatus.Unhealthy, tags: null));
        return services;
    }
}
