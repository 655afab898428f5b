using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Outages.DataLoaders;

/// <summary>Outages by id.</summary>
public sealed class OutageByIdLoader(IDbContextFactory<OutagesDbContext> contexts) : BatchDataLoader<string, Outage>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, Outage>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Outages.AsNoTracking()
            .Where(o => keys.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);
    }
}
