using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>Every outage that hit each service location, newest first.</summary>
public sealed class OutagesByLocationLoader(IDbContextFactory<OutagesDbContext> contexts) : GroupDataLoader<string, Outage>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, Outage>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from location in db.OutageLocations
                join outage in db.Outages on location.OutageId equals outage.Id
                where keys.Contains(location.LocationId)
                select new { location.LocationId, Outage = outage })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.Outage.StartedAt)
            .ThenBy(r => r.Outage.Id, StringComparer.Ordinal)
            .ToLookup(r => r.LocationId, r => r.Outage, StringComparer.Ordinal);
    }
}
