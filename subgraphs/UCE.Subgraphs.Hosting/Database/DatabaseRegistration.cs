using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>Registers a module's context: a pooled <see cref="IDbContextFactory{TContext}"/> (data loaders make one context per batch) and a scoped context.</summary>
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

    public static void Configure(DbContextOptionsBuilder options, DatabaseTarget target, SqlCommandCounter counter, OutboxCommitInterceptor outbox)
    {
        if (target.Provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(target.ConnectionString);
        }
        else
        {
            options.UseSqlite(target.ConnectionString);
        }

        options.AddInterceptors(counter, outbox);

        // One process may host several subgraphs (the embedded mode) and tests start many hosts; each
        // distinct set of options gets its own internal provider, which is expected here.
        options.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
    }

    private static void Register<TContext>(IServiceCollection services, DatabaseTarget target)
        where TContext : DbContext
    {
        services.AddPooledDbContextFactory<TContext>((provider, options) =>
            Configure(options, target, provider.GetRequiredService<SqlCommandCounter>(), provider.GetRequiredService<OutboxCommitInterceptor>()));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }
}
