using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.Data;

namespace UCE.Usage.DataLoaders;

/// <summary>Meters by the service location they are installed at.</summary>
public sealed class MeterByLocationLoader(IDbContextFactory<UsageDbContext> contexts) : BatchDataLoader<string, Meter>
{
    protected override async Task<IReadOnlyDictionary<string, Meter>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meters.AsNoTracking().Where(m => keys.Contains(m.LocationId)).ToDictionaryAsync(m => m.LocationId, cancellationToken);
    }
}
