using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Hosting;

/// <summary>
/// A subgraph module whose seed is a set of tables (<see cref="SeedTables"/>): seeded through EF Core, and
/// generated with binary COPY on PostgreSQL, one transaction per chunk of customers.
/// </summary>
public abstract class BulkLoadedSubgraphModule<TContext> : SubgraphModule<TContext>
    where TContext : DbContext
{
    /// <summary>On PostgreSQL every chunk is written with <see cref="PostgresBulkCopy"/>; elsewhere it is seeded chunk by chunk.</summary>
    public sealed override async Task GenerateAsync(Func<DbContext> createContext, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        ArgumentNullException.ThrowIfNull(graph);
        var probe = createContext();
        await using (probe.ConfigureAwait(false))
        {
            if (!probe.Database.IsNpgsql())
            {
                await base.GenerateAsync(createContext, graph, progress, cancellationToken).ConfigureAwait(false);
                return;
            }

            await EnsureSharedRowsAsync((TContext)probe, cancellationToken).ConfigureAwait(false);
        }

        var end = graph.FirstIndex + graph.CustomerCount;
        for (var first = graph.FirstIndex; first < end; first += GenerationChunkSize)
        {
            var count = Math.Min(GenerationChunkSize, end - first);
            var tables = SeedRows(graph.Slice(first, count));
            var db = createContext();
            await using (db.ConfigureAwait(false))
            {
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await tables.CopyAsync(db, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            progress?.Report(first + count - graph.FirstIndex);
        }
    }

    /// <summary>The rows <paramref name="graph"/>'s customers have in this subgraph.</summary>
    protected abstract SeedTables SeedRows(DemoGraph graph);

    /// <summary>
    /// Writes rows that belong to no customer (reference data every chunk points at) when they are missing;
    /// called before the first chunk is written. Must be idempotent.
    /// </summary>
    protected virtual Task EnsureSharedRowsAsync(TContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    protected sealed override async Task SeedAsync(TContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await EnsureSharedRowsAsync(db, cancellationToken).ConfigureAwait(false);
        SeedRows(graph).AddTo(db);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }
}
