using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>The ids of the service locations each outage hit, in id order.</summary>
public sealed class AffectedLocationsByOutageLoader(IDbContextFactory<OutagesDbContext> contexts) : GroupDataLoader<string, string>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, string>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutageLocations.AsNoTracking()
            .Where(l => keys.Contains(l.OutageId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(l => l.LocationId, StringComparer.Ordinal)
            .ToLookup(l => l.OutageId, l => l.LocationId, StringComparer.Ordinal);
    }
}
