using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.Data;

namespace UCE.Usage.DataLoaders;

/// <summary>Accounts with their meter, by account id (one joined query).</summary>
public sealed class MeteredAccountLoader(IDbContextFactory<UsageDbContext> contexts) : BatchDataLoader<string, MeteredAccount>
{
    protected override async Task<IReadOnlyDictionary<string, MeteredAccount>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MeteredAccounts.AsNoTracking()
            .Include(a => a.Meter)
            .Where(a => keys.Contains(a.AccountId))
            .ToDictionaryAsync(a => a.AccountId, cancellationToken);
    }
}
