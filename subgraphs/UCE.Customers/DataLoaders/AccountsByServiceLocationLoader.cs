using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>The accounts served at each service location (by account number), one query per batch.</summary>
public sealed class AccountsByServiceLocationLoader(IDbContextFactory<CustomersDbContext> contexts) : GroupDataLoader<string, Account>
{
    protected override async Task<ILookup<string, Account>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(account => keys.Contains(account.ServiceLocationId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return accounts.OrderBy(account => account.Number, StringComparer.Ordinal).ToLookup(account => account.ServiceLocationId, StringComparer.Ordinal);
    }
}
