using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Subgraphs.Tests.Hosting.Sample;

/// <summary>Widgets by id.</summary>
public sealed class WidgetByIdLoader(IDbContextFactory<SampleDbContext> contexts) : BatchDataLoader<string, Widget>
{
    protected override async Task<IReadOnlyDictionary<string, Widget>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Widgets.AsNoTracking().Where(w => keys.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
    }
}

/// <summary>Parts by widget id.</summary>
public sealed class PartsByWidgetLoader(IDbContextFactory<SampleDbContext> contexts) : GroupDataLoader<string, Part>
{
    protected override async Task<ILookup<string, Part>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var parts = await db.Parts.AsNoTracking().Where(p => keys.Contains(p.WidgetId)).ToListAsync(cancellationToken);
        return parts.OrderBy(p => p.Id, StringComparer.Ordinal).ToLookup(p => p.WidgetId);
    }
}
