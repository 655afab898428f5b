using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Hosting;

/// <summary>
/// One domain subgraph, described once and hosted by <c>SubgraphHost</c> either alone or next to
/// the other five in one process.
/// </summary>
public abstract class SubgraphModule
{
    /// <summary>Lower-case name: <c>customers</c>, <c>billing</c> … It is also the connection string key (<c>ConnectionStrings__Billing</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The port the subgraph listens on by default (4001–4007).</summary>
    public abstract int DefaultPort { get; }

    /// <summary>The subgraph's EF Core context.</summary>
    public abstract Type DbContextType { get; }

    /// <summary>Domain services: data loaders (scoped: one per request), domain services.</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Registers the schema and its graph types (<c>AddSchema&lt;T&gt;()</c>, <c>AddGraphTypes(…)</c>).</summary>
    public abstract void ConfigureGraphQL(IGraphQLBuilder graphql);

    /// <summary>True when the database already holds seed data.</summary>
    public abstract Task<bool> HasDataAsync(DbContext db, CancellationToken cancellationToken);

    /// <summary>Adds and saves the data of <paramref name="graph"/>'s customers; called on an empty database for the demo set, and in chunks by the generator.</summary>
    public abstract Task SeedAsync(DbContext db, DemoGraph graph, CancellationToken cancellationToken);

    /// <summary>
    /// Queries the host runs, as an agent, before it listens (<see cref="Diagnostics.SubgraphWarmUp"/>), besides the schema
    /// and an entity fetch of every entity type: the module's busiest root fields, with arguments that find nothing or
    /// little, so that their first request from a gateway does not pay for compiling them.
    /// </summary>
    public virtual IReadOnlyList<string> WarmUpQueries => [];

    /// <summary>
    /// Runs once the schema exists (migrated on PostgreSQL, created from the model on SQLite), before the demo set is
    /// seeded, on every start and before the generator loads: SQL the model cannot express, such as an SQLite FTS5 table
    /// and the triggers that fill it. It must be idempotent. Nothing by default.
    /// </summary>
    public virtual Task OnSchemaReadyAsync(DbContext db, DatabaseProvider provider, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Bulk-loads <paramref name="graph"/>'s customers for the generator (<c>--customers N</c>): by default
    /// <see cref="SeedAsync"/> over chunks of <see cref="GenerationChunkSize"/> customers, each in a fresh context with
    /// automatic change detection off. Override it with a faster path (Npgsql binary COPY) when seeding is too slow.
    /// </summary>
    /// <param name="createContext">Creates a context of <see cref="DbContextType"/>; the caller of it disposes it.</param>
    /// <param name="graph">The customers to load.</param>
    /// <param name="progress">Receives the number of customers loaded so far.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    public virtual async Task GenerateAsync(Func<DbContext> createContext, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        ArgumentNullException.ThrowIfNull(graph);
        var end = graph.FirstIndex + graph.CustomerCount;
        for (var first = graph.FirstIndex; first < end; first += GenerationChunkSize)
        {
            var count = Math.Min(GenerationChunkSize, end - first);
            await using var db = createContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await SeedAsync(db, graph.Slice(first, count), cancellationToken).ConfigureAwait(false);
            progress?.Report(first + count - graph.FirstIndex);
        }
    }

    /// <summary>Customers per chunk of the default <see cref="GenerateAsync"/>.</summary>
    protected virtual int GenerationChunkSize => 1_000;
}

/// <summary>A subgraph module with a typed context.</summary>
public abstract class SubgraphModule<TContext> : SubgraphModule
    where TContext : DbContext
{
    public sealed override Type DbContextType => typeof(TContext);

    public sealed override Task<bool> HasDataAsync(DbContext db, CancellationToken cancellationToken) =>
        HasDataAsync((TContext)db, cancellationToken);

    public sealed override Task SeedAsync(DbContext db, DemoGraph graph, CancellationToken cancellationToken) =>
        SeedAsync((TContext)db, graph, cancellationToken);

    /// <inheritdoc cref="SubgraphModule.HasDataAsync(DbContext, CancellationToken)"/>
    protected abstract Task<bool> HasDataAsync(TContext db, CancellationToken cancellationToken);

    /// <inheritdoc cref="SubgraphModule.SeedAsync(DbContext, DemoGraph, CancellationToken)"/>
    protected abstract Task SeedAsync(TContext db, DemoGraph graph, CancellationToken cancellationToken);
}
