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

    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Where <c>ConnectionStrings:Redis</c> is read.</param>
    /// <param name="sharedStream">
    /// Without Redis, the in-process stream to use: subgraphs hosted in one process (the embedded default) pass the same one, so
    /// that what one of them adds (outage changes, usage events) reaches the consumers of another. Null gives the host its own.
    /// </param>
    public static IServiceCollection AddSubgraphEvents(this IServiceCollection services, IConfiguration configuration, IEventStream? sharedStream = null)
    {
        var redis = configuration.GetConnectionString(RedisConnectionStringName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            if (sharedStream is not null)
            {
                services.TryAddSingleton(sharedStream);
            }

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
