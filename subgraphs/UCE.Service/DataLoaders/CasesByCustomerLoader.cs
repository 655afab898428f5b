using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.DataLoaders;

/// <summary>Every case of each customer, newest first.</summary>
public sealed class CasesByCustomerLoader(IDbContextFactory<ServiceDbContext> contexts) : GroupDataLoader<string, Case>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, Case>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => keys.Contains(c.CustomerId))
            .ToListAsync(cancellationToken);
        return rows.NewestFirst().ToLookup(c => c.CustomerId, StringComparer.Ordinal);
    }
}
