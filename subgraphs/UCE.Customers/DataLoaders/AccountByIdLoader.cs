using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Accounts by id, one query per batch.</summary>
public sealed class AccountByIdLoader(IDbContextFactory<CustomersDbContext> contexts) : BatchDataLoader<string, Account>
{
    protected override async Task<IReadOnlyDictionary<string, Account>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Accounts.AsNoTracking()
            .Where(account => keys.Contains(account.Id))
            .ToDictionaryAsync(account => account.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }
}
