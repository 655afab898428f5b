using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Products.DataLoaders;

/// <summary>The offers each customer can still take up (not expired, not accepted), soonest expiry first.</summary>
public sealed class OpenOffersByCustomerLoader(IDbContextFactory<ProductsDbContext> contexts, TimeProvider clock) : GroupDataLoader<string, Offer>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, Offer>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Offers.AsNoTracking()
            .Where(o => keys.Contains(o.CustomerId) && o.AcceptedAt == null && o.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(o => o.ExpiresAt)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToLookup(o => o.CustomerId, StringComparer.Ordinal);
    }
}
