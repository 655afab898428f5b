using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>The lines of many bills, in printed order.</summary>
public sealed class LineItemsByBillLoader(IDbContextFactory<BillingDbContext> contexts) : GroupDataLoader<string, BillLineItem>
{
    protected override async Task<ILookup<string, BillLineItem>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = await db.BillLineItems.AsNoTracking()
            .Where(l => keys.Contains(l.BillId))
            .OrderBy(l => l.BillId).ThenBy(l => l.Position)
            .ToListAsync(cancellationToken);
        return lines.ToLookup(l => l.BillId);
    }
}
