using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// Registers a module's context: an <see cref="IDbContextFactory{TContext}"/> over pooled contexts (data loaders make one
/// context per batch; queries read from the read-only connection when one is configured, see <see cref="DatabaseRoute"/>)
/// and a scoped context.
/// </summary>
internal static class DatabaseRegistration
{
    private static readonly MethodInfo RegisterMethod =
        typeof(DatabaseRegistration).GetMethod(nameof(Register), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void AddSubgraphDatabase(this IServiceCollection services, SubgraphModule module, DatabaseTarget target)
    {
        services.AddSingleton(target);
        services.AddSingleton<SqlCommandCounter>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        RegisterMethod.MakeGenericMethod(module.DbContextType).Invoke(null, [services, target]);
    }

    /// <summary>Creates a context of the module's type outside any request (initialisation, generator).</summary>
    public static DbContext CreateContext(IServiceProvider services, SubgraphModule module)
    {
        var factoryType = typeof(IDbContextFactory<>).MakeGenericType(module.DbContextType);
        var factory = services.GetRequiredService(factoryType);
        return (DbContext)factoryType.GetMethod(nameof(IDbContextFactory<DbContext>.CreateDbContext))!.Invoke(factory, null)!;
    }

    /// <summary>
    /// The options of one connection: the provider, the host's interceptors (the command counter, the outbox signal, and
    /// any <see cref="IInterceptor"/> registered as a service: a test's SQL capture).
    /// </summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, IServiceProvider services)
    {
        options.UseApplicationServiceProvider(services);
        if (provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            options.UseSqlite(connectionString);
        }

        options.AddInterceptors(
            [services.GetRequiredService<SqlCommandCounter>(), services.GetRequiredService<OutboxCommitInterceptor>(), .. services.GetServices<IInterceptor>()]);

        // One process may host several subgraphs (the embedded mode) and tests start many hosts; each
        // distinct set of options gets its own internal provider, which is expected here.
        // A limit without an order is meant where it appears: a capped count (customers' totalCount(atMost:)) counts the
        // first matches the database finds, and ordering them would make it read and sort every match. Pages are always
        // ordered (QueryPlanTests lists their SQL). Kept in the debug log rather than as a warning.
        options.ConfigureWarnings(warnings => warnings
            .Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)
            .Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, Microsoft.Extensions.Logging.LogLevel.Debug)));
    }

    private static void Register<TContext>(IServiceCollection services, DatabaseTarget target)
        where TContext : DbContext
    {
        services.AddSingleton<IDbContextFactory<TContext>>(provider =>
        {
            var primary = Pool<TContext>(provider, target.Provider, target.ConnectionString, target.ContextPoolSize);
            var readOnly = target.ReadOnlyConnectionString is { } replica
                ? Pool<TContext>(provider, target.Provider, replica, target.ContextPoolSize)
                : null;
            return new RoutedDbContextFactory<TContext>(primary, readOnly);
        });
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }

    private static PooledDbContextFactory<TContext> Pool<TContext>(IServiceProvider services, DatabaseProvider provider, string connectionString, int poolSize)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        Configure(options, provider, connectionString, services);
        return new PooledDbContextFactory<TContext>(options.Options, poolSize);
    }
}
