using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// Brings the database up to date before the host serves requests: migrations on PostgreSQL (creating the database
/// first when the server lacks it, without the errors EF Core logs while finding that out), the schema from the model
/// on SQLite (moving aside a file made from another model, <see cref="SqliteSchema"/>), then the demo set when the module reports no data.
/// </summary>
internal sealed class DatabaseInitializer(
    SubgraphModule module,
    DatabaseTarget target,
    SubgraphHostOptions options,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PrepareSchemaAsync(module, target, services, cancellationToken).ConfigureAwait(false);
        if (!options.SeedDemoData)
        {
            return;
        }

        await using var db = DatabaseRegistration.CreateContext(services, module);
        if (await module.HasDataAsync(db, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        var demo = DemoGraph.Demo(options.DemoDate ?? DemoGraph.Today(clock));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await module.SeedAsync(db, demo, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Seeded the {Subgraph} demo set ({Customers} customers, as of {AsOf:yyyy-MM-dd}) in {Elapsed} ms",
            module.Name, demo.CustomerCount, demo.AsOf, watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Applies migrations (PostgreSQL) or creates the schema from the model (SQLite, or a context without migrations),
    /// then runs the module's <see cref="SubgraphModule.OnSchemaReadyAsync"/>.
    /// </summary>
    public static async Task PrepareSchemaAsync(SubgraphModule module, DatabaseTarget target, IServiceProvider services, CancellationToken cancellationToken)
    {
        var databaseExists = false;
        if (target.Provider == DatabaseProvider.PostgreSql)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseInitializer>();
            databaseExists = await PostgresDatabaseCreator.CreateIfMissingAsync(target.ConnectionString, logger, cancellationToken).ConfigureAwait(false);
        }

        await using var db = DatabaseRegistration.CreateContext(services, module);
        if (target.Provider == DatabaseProvider.PostgreSql && db.Database.GetMigrations().Any())
        {
            if (databaseExists)
            {
                // The migrator reads the history table before creating it, and logs the failed read as an error.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }

            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (target.Provider == DatabaseProvider.PostgreSql)
        {
            // A context without migrations (a test module, a subgraph before its first migration) still gets its schema.
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseInitializer>();
            await SqliteSchema.EnsureCurrentAsync(db, target.SqliteFile!, logger, cancellationToken).ConfigureAwait(false);
        }

        await module.OnSchemaReadyAsync(db, target.Provider, cancellationToken).ConfigureAwait(false);
    }
}
