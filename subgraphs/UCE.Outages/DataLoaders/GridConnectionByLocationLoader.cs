using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>The grid connection of each service location; a location the grid does not know yields null.</summary>
public sealed class GridConnectionByLocationLoader(IDbContextFactory<OutagesDbContext> contexts) : BatchDataLoader<string, GridConnection>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, GridConnection>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GridConnections.AsNoTracking()
            .Where(c => keys.Contains(c.LocationId))
            .ToDictionaryAsync(c => c.LocationId, StringComparer.Ordinal, cancellationToken);
    }
}
