using UCE.Gateway.RateLimiting;
using UCE.Gateway.Supergraph;

namespace UCE.Gateway.Persisted;

/// <summary>Registers trusted documents, automatic persisted queries and their store.</summary>
public static class PersistedDocumentsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="PersistedDocumentOptions"/> from <c>Gateway:PersistedDocuments</c>; the store in Redis when
    /// <c>ConnectionStrings:Redis</c> is set, else in memory; the registry and its loader, the client policies, the
    /// resolver and the usage metrics.
    /// </summary>
    public static IServiceCollection AddGatewayPersistedDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PersistedDocumentOptions>()
            .Bind(configuration.GetSection(PersistedDocumentOptions.SectionName))
            .Validate(options => options.ApqTimeToLive > TimeSpan.Zero, "Gateway:PersistedDocuments:ApqTimeToLive must be positive.")
            .Validate(options => options.RefreshInterval > TimeSpan.Zero, "Gateway:PersistedDocuments:RefreshInterval must be positive.")
            .Validate(options => options.PublicMaxAge >= TimeSpan.Zero, "Gateway:PersistedDocuments:PublicMaxAge must not be negative.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.ApiKeyHeader), "Gateway:PersistedDocuments:ApiKeyHeader must name a header.")
            .Validate(options => options.Clients.Keys.All(PersistedClientNames.IsValid), "Gateway:PersistedDocuments:Clients names use letters, digits, '.', '_' and '-'.")
            .Validate(
                options => options.Clients.Values.SelectMany(client => client.ApiKeys).Where(key => !string.IsNullOrEmpty(key)).GroupBy(key => key, StringComparer.Ordinal).All(keys => keys.Count() == 1),
                "Gateway:PersistedDocuments:Clients: an API key belongs to one client only.")
            .ValidateOnStart();
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IPersistedDocumentStore>(provider => new InMemoryPersistedDocumentStore(provider.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IPersistedDocumentStore>(provider => new RedisPersistedDocumentStore(
                RateLimitingServiceCollectionExtensions.ConnectRedis(redis),
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PersistedDocumentOptions>>().Value.RedisKeyPrefix));
        }

        services.AddMetrics();
        services.AddSingleton<PersistedDocumentMetrics>();
        services.AddSingleton<PersistedDocumentRegistry>();
        services.AddSingleton<TrustedDocumentPinning>();
        services.AddSingleton<IEngineWarmUp>(provider => provider.GetRequiredService<TrustedDocumentPinning>());
        services.AddSingleton<PersistedDocumentLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<PersistedDocumentLoader>());
        services.AddSingleton<PersistedClientIdentifier>();
        services.AddSingleton<PersistedDocumentResolver>();
        return services;
    }
}
