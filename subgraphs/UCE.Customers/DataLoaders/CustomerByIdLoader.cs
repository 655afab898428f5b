using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Customers by id, one query per batch.</summary>
public sealed class CustomerByIdLoader(IDbContextFactory<CustomersDbContext> contexts) : BatchDataLoader<string, Customer>
{
    protected override async Task<IReadOnlyDictionary<string, Customer>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Customers.AsNoTracking()
            .Where(customer => keys.Contains(customer.Id))
            .ToDictionaryAsync(customer => customer.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }
}
