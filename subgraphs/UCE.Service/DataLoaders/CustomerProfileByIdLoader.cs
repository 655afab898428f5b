using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.DataLoaders;

/// <summary>Customer profiles by customer id; a customer unknown to the service domain yields null.</summary>
public sealed class CustomerProfileByIdLoader(IDbContextFactory<ServiceDbContext> contexts) : BatchDataLoader<string, CustomerProfile>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, CustomerProfile>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CustomerProfiles.AsNoTracking()
            .Where(c => keys.Contains(c.CustomerId))
            .ToDictionaryAsync(c => c.CustomerId, StringComparer.Ordinal, cancellationToken);
    }
}
