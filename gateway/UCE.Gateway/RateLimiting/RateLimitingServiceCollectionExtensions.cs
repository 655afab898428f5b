using StackExchange.Redis;

namespace UCE.Gateway.RateLimiting;

/// <summary>Registers the rate limiter and its store.</summary>
public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="RateLimitOptions"/> from <c>Gateway:RateLimit</c>; the store in Redis when <c>ConnectionStrings:Redis</c>
    /// is set (one connection per process, opened at the first request and re-established by the client), else in memory.
    /// </summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(options => options.PermitsPerMinute > 0 && options.Burst > 0, "Gateway:RateLimit:PermitsPerMinute and Burst must be positive.")
            .Validate(options => options.Roles.Values.All(role => role.PermitsPerMinute is null or > 0 && role.Burst is null or > 0), "Gateway:RateLimit:Roles values must be positive.")
            .ValidateOnStart();
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IRateLimitStore>(provider => new InMemoryRateLimitStore(provider.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IRateLimitStore>(_ => new RedisRateLimitStore(ConnectRedis(redis)));
        }

        services.AddSingleton<GatewayRateLimiter>();
        return services;
    }

    /// <summary>A connection to Redis for the gateway's stores.</summary>
    /// <remarks>AbortOnConnectFail off: the gateway starts while Redis is down and the client reconnects in the background.</remarks>
    internal static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        return ConnectionMultiplexer.Connect(options);
    }
}
