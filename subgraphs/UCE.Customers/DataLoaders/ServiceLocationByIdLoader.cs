using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Service locations by id, one query per batch.</summary>
public sealed class ServiceLocationByIdLoader(IDbContextFactory<CustomersDbContext> contexts) : BatchDataLoader<string, ServiceLocation>
{
    protected override async Task<IReadOnlyDictionary<string, ServiceLocation>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.ServiceLocations.AsNoTracking()
            .Where(location => keys.Contains(location.Id))
            .ToDictionaryAsync(location => location.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }
}
