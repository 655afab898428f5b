using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.Data;

namespace UCE.Usage.DataLoaders;

/// <summary>Meters by meter id.</summary>
public sealed class MeterByIdLoader(IDbContextFactory<UsageDbContext> contexts) : BatchDataLoader<string, Meter>
{
    protected override async Task<IReadOnlyDictionary<string, Meter>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meters.AsNoTracking().Where(m => keys.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
    }
}
