using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Accounts by account number, one query per batch.</summary>
public sealed class AccountByNumberLoader(IDbContextFactory<CustomersDbContext> contexts) : BatchDataLoader<string, Account>
{
    protected override async Task<IReadOnlyDictionary<string, Account>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Accounts.AsNoTracking()
            .Where(account => keys.Contains(account.Number))
            .ToDictionaryAsync(account => account.Number, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }
}
