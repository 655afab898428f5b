using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace UCE.Subgraphs.Hosting.Events;

/// <summary>Registers <see cref="IEventStream"/> and <see cref="IMessageBus"/>: on Redis when <c>ConnectionStrings:Redis</c> is set, else in process.</summary>
public static class EventsRegistration
{
    /// <summary>The connection string key of Redis (<c>ConnectionStrings__Redis</c> in the environment).</summary>
    public const string RedisConnectionStringName = "Redis";

    public static IServiceCollection AddSubgraphEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString(RedisConnectionStringName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IEventStream>(provider => new InProcessEventStream(provider.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IMessageBus, InProcessMessageBus>();
            return services;
        }

        services.TryAddSingleton<IConnectionMultiplexer>(_ => Connect(redis));
        services.TryAddSingleton<IEventStream, RedisEventStream>();
        services.TryAddSingleton<IMessageBus, RedisMessageBus>();
        return services;
    }

    /// <summary>
    /// One multiplexed connection per host. AbortOnConnectFail off: the subgraph starts while Redis is down and the client
    /// reconnects in the background (pub/sub subscriptions are restored with it).
    /// </summary>
    public static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        return ConnectionMultiplexer.Connect(options);
    }
}
