using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Each customer's service requests, newest first, one query per batch.</summary>
public sealed class ServiceRequestsByCustomerLoader(IDbContextFactory<CustomersDbContext> contexts) : GroupDataLoader<string, ServiceRequest>
{
    protected override async Task<ILookup<string, ServiceRequest>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var requests = await db.ServiceRequests.AsNoTracking()
            .Where(request => keys.Contains(request.CustomerId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return requests
            .OrderByDescending(request => request.RequestedAt)
            .ThenBy(request => request.Id, StringComparer.Ordinal)
            .ToLookup(request => request.CustomerId, StringComparer.Ordinal);
    }
}
