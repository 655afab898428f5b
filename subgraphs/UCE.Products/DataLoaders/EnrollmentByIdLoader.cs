using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Products.DataLoaders;

/// <summary>Enrollments by id.</summary>
public sealed class EnrollmentByIdLoader(IDbContextFactory<ProductsDbContext> contexts) : BatchDataLoader<string, Enrollment>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, Enrollment>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Enrollments.AsNoTracking()
            .Where(e => keys.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, cancellationToken);
    }
}
