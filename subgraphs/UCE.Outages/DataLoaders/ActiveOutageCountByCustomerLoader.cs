using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>How many outages not yet restored affect each customer's service locations; 0 when none.</summary>
public sealed class ActiveOutageCountByCustomerLoader(IDbContextFactory<OutagesDbContext> contexts) : DataLoader<string, int>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, int>> FetchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from connection in db.GridConnections
                where keys.Contains(connection.CustomerId)
                join affected in db.OutageLocations on connection.LocationId equals affected.LocationId
                join outage in db.Outages on affected.OutageId equals outage.Id
                where outage.Status != OutageStatus.Restored
                select new { connection.CustomerId, outage.Id })
            .Distinct()
            .GroupBy(row => row.CustomerId)
            .Select(group => new { CustomerId = group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.CustomerId, row => row.Count, StringComparer.Ordinal, cancellationToken);
    }
}
