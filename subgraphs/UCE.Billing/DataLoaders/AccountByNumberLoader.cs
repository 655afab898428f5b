using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>Billing accounts by account number (the second <c>Account</c> key).</summary>
public sealed class AccountByNumberLoader(IDbContextFactory<BillingDbContext> contexts) : BatchDataLoader<string, BillingAccount>
{
    protected override async Task<IReadOnlyDictionary<string, BillingAccount>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().Where(a => keys.Contains(a.Number)).ToDictionaryAsync(a => a.Number, cancellationToken);
    }
}
