using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>Billing accounts by id.</summary>
public sealed class AccountByIdLoader(IDbContextFactory<BillingDbContext> contexts) : BatchDataLoader<string, BillingAccount>
{
    protected override async Task<IReadOnlyDictionary<string, BillingAccount>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().Where(a => keys.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }
}
