using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Products.DataLoaders;

/// <summary>Catalogue products by id.</summary>
public sealed class ProductByIdLoader(IDbContextFactory<ProductsDbContext> contexts) : BatchDataLoader<string, Product>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, Product>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking()
            .Where(p => keys.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, cancellationToken);
    }
}
