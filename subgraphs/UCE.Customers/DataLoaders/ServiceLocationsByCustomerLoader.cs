using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Each customer's service locations, one query per batch.</summary>
public sealed class ServiceLocationsByCustomerLoader(IDbContextFactory<CustomersDbContext> contexts) : GroupDataLoader<string, ServiceLocation>
{
    protected override async Task<ILookup<string, ServiceLocation>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var locations = await db.ServiceLocations.AsNoTracking()
            .Where(location => keys.Contains(location.CustomerId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return locations.OrderBy(location => location.Id, StringComparer.Ordinal).ToLookup(location => location.CustomerId, StringComparer.Ordinal);
    }
}
