using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>The grid connections of the service locations each outage hit, in location id order (one joined query).</summary>
public sealed class AffectedLocationsByOutageLoader(IDbContextFactory<OutagesDbContext> contexts) : GroupDataLoader<string, GridConnection>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, GridConnection>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutageLocations.AsNoTracking()
            .Where(l => keys.Contains(l.OutageId))
            .Join(db.GridConnections, l => l.LocationId, c => c.LocationId, (location, connection) => new { location.OutageId, Connection = connection })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(row => row.Connection.LocationId, StringComparer.Ordinal)
            .ToLookup(row => row.OutageId, row => row.Connection, StringComparer.Ordinal);
    }
}
