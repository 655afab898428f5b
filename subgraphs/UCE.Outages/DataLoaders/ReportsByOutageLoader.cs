using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>The reports filed against each outage, oldest first.</summary>
public sealed class ReportsByOutageLoader(IDbContextFactory<OutagesDbContext> contexts) : GroupDataLoader<string, OutageReport>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, OutageReport>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutageReports.AsNoTracking()
            .Where(r => keys.Contains(r.OutageId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.ReportedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToLookup(r => r.OutageId, StringComparer.Ordinal);
    }
}
