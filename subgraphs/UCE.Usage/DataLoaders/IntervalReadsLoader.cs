using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.Data;

namespace UCE.Usage.DataLoaders;

/// <summary>The interval blocks of a meter from <see cref="FirstDay"/> to <see cref="LastDay"/> inclusive.</summary>
public readonly record struct IntervalReadsKey(string MeterId, DateOnly FirstDay, DateOnly LastDay);

/// <summary>Interval read blocks of many meters: one query over the union of the requested days.</summary>
public sealed class IntervalReadsLoader(IDbContextFactory<UsageDbContext> contexts) : GroupDataLoader<IntervalReadsKey, IntervalReadBlock>
{
    protected override async Task<ILookup<IntervalReadsKey, IntervalReadBlock>> LoadGroupsAsync(IReadOnlyList<IntervalReadsKey> keys, CancellationToken cancellationToken)
    {
        var meterIds = keys.Select(k => k.MeterId).Distinct().ToList();
        var first = keys.Min(k => k.FirstDay);
        var last = keys.Max(k => k.LastDay);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var blocks = await db.IntervalReads.AsNoTracking()
            .Where(b => meterIds.Contains(b.MeterId) && b.Day >= first && b.Day <= last)
            .ToListAsync(cancellationToken);
        var byMeter = blocks.ToLookup(b => b.MeterId);
        return keys
            .SelectMany(key => byMeter[key.MeterId]
                .Where(b => b.Day >= key.FirstDay && b.Day <= key.LastDay)
                .Select(b => (key, b)))
            .ToLookup(pair => pair.key, pair => pair.b);
    }
}
