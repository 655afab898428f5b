using Microsoft.EntityFrameworkCore;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// The rows of a seed, one entity type per table, in the order they are written: parents before the rows
/// whose foreign keys point at them.
/// </summary>
public sealed class SeedTables
{
    private readonly List<(Type EntityType, IEnumerable<object> Rows)> tables = [];

    /// <summary>Appends the rows of one table.</summary>
    public SeedTables Add<T>(IEnumerable<T> rows)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        tables.Add((typeof(T), rows));
        return this;
    }

    /// <summary>Adds every row to <paramref name="db"/>'s change tracker, to be saved with <c>SaveChanges</c>.</summary>
    public void AddTo(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (_, rows) in tables)
        {
            db.AddRange(rows);
        }
    }

    /// <summary>Writes every table with <see cref="PostgresBulkCopy"/>, in order.</summary>
    public async Task CopyAsync(DbContext db, CancellationToken cancellationToken)
    {
        foreach (var (entityType, rows) in tables)
        {
            await PostgresBulkCopy.CopyAsync(db, entityType, rows, cancellationToken).ConfigureAwait(false);
        }
    }
}
