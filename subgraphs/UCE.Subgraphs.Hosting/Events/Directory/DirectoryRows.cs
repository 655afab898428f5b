using Microsoft.EntityFrameworkCore;

namespace UCE.Subgraphs.Hosting.Events.Directory;

/// <summary>The insert-once step every <see cref="IDirectoryProjection"/> is made of.</summary>
public static class DirectoryRows
{
    /// <summary>
    /// Adds what <paramref name="add"/> adds unless <paramref name="exists"/> finds it already: <see cref="StreamEntryOutcome.Duplicate"/>
    /// then, and also when another instance inserted it between the check and the insert (the key kept one).
    /// </summary>
    public static async Task<StreamEntryOutcome> InsertOnceAsync<TContext>(
        IDbContextFactory<TContext> contexts,
        Func<TContext, CancellationToken, Task<bool>> exists,
        Func<TContext, CancellationToken, Task> add,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(exists);
        ArgumentNullException.ThrowIfNull(add);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await exists(db, cancellationToken).ConfigureAwait(false))
            {
                return StreamEntryOutcome.Duplicate;
            }

            await add(db, cancellationToken).ConfigureAwait(false);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return StreamEntryOutcome.Applied;
            }
            catch (DbUpdateException)
            {
                var check = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                await using (check.ConfigureAwait(false))
                {
                    if (await exists(check, cancellationToken).ConfigureAwait(false))
                    {
                        return StreamEntryOutcome.Duplicate;
                    }
                }

                throw;
            }
        }
    }
}
