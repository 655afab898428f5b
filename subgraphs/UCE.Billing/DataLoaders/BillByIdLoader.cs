using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>Bills by id.</summary>
public sealed class BillByIdLoader(IDbContextFactory<BillingDbContext> contexts) : BatchDataLoader<string, Bill>
{
    protected override async Task<IReadOnlyDictionary<string, Bill>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bills.AsNoTracking().Where(b => keys.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
    }
}
