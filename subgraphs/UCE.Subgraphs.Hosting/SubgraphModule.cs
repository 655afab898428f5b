using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The port the subgraph listens on by default (4001–4006).</summary>
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

    /// <summary>Adds the data of <paramref name="graph"/>'s customers; called on an empty database for the demo set, and in chunks by the generator.</summary>
    public abstract Task SeedAsync(DbContext db, DemoGraph graph, CancellationToken cancellationToken);
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
