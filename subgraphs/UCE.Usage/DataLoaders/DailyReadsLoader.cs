using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.Data;

namespace UCE.Usage.DataLoaders;

/// <summary>The monthly blocks of daily reads of a meter from <see cref="FirstMonth"/> to <see cref="LastMonth"/> (first days of months).</summary>
public readonly record struct DailyReadsKey(string MeterId, DateOnly FirstMonth, DateOnly LastMonth);

/// <summary>Daily read blocks of many meters: one query over the union of the requested months.</summary>
public sealed class DailyReadsLoader(IDbContextFactory<UsageDbContext> contexts) : GroupDataLoader<DailyReadsKey, DailyReadBlock>
{
    protected override async Task<ILookup<DailyReadsKey, DailyReadBlock>> LoadGroupsAsync(IReadOnlyList<DailyReadsKey> keys, CancellationToken cancellationToken)
    {
        var meterIds = keys.Select(k => k.MeterId).Distinct().ToList();
        var first = keys.Min(k => k.FirstMonth);
        var last = keys.Max(k => k.LastMonth);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var blocks = await db.DailyReads.AsNoTracking()
            .Where(b => meterIds.Contains(b.MeterId) && b.MonthStart >= first && b.MonthStart <= last)
            .ToListAsync(cancellationToken);
        var byMeter = blocks.ToLookup(b => b.MeterId);
        return keys
            .SelectMany(key => byMeter[key.MeterId]
                .Where(b => b.MonthStart >= key.FirstMonth && b.MonthStart <= key.LastMonth)
                .Select(b => (key, b)))
            .ToLookup(pair => pair.key, pair => pair.b);
    }
}
