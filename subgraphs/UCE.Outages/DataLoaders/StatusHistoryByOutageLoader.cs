using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>The status history of each outage, oldest step first.</summary>
public sealed class StatusHistoryByOutageLoader(IDbContextFactory<OutagesDbContext> contexts) : GroupDataLoader<string, OutageStatusChange>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, OutageStatusChange>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutageStatusChanges.AsNoTracking()
            .Where(c => keys.Contains(c.OutageId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(c => c.At)
            .ThenBy(c => c.Id)
            .ToLookup(c => c.OutageId, StringComparer.Ordinal);
    }
}
