using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Products.DataLoaders;

/// <summary>Every enrollment of each customer, cancelled ones included, newest first.</summary>
public sealed class EnrollmentsByCustomerLoader(IDbContextFactory<ProductsDbContext> contexts) : GroupDataLoader<string, Enrollment>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, Enrollment>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => keys.Contains(e.CustomerId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(e => e.Since)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToLookup(e => e.CustomerId, StringComparer.Ordinal);
    }
}
