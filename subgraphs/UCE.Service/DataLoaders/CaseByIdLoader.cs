using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.DataLoaders;

/// <summary>Cases by id.</summary>
public sealed class CaseByIdLoader(IDbContextFactory<ServiceDbContext> contexts) : BatchDataLoader<string, Case>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, Case>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => keys.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
    }
}
