using Microsoft.EntityFrameworkCore;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// The module's <see cref="IDbContextFactory{TContext}"/>: a context from the read-only pool inside a read-only flow
/// (<see cref="DatabaseRoute"/>) when a read-only connection is configured, else from the primary's pool.
/// </summary>
internal sealed class RoutedDbContextFactory<TContext>(IDbContextFactory<TContext> primary, IDbContextFactory<TContext>? readOnly)
    : IDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext() => Pick().CreateDbContext();

    public Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Pick().CreateDbContextAsync(cancellationToken);

    private IDbContextFactory<TContext> Pick() => readOnly is not null && DatabaseRoute.IsReadOnly ? readOnly : primary;
}
