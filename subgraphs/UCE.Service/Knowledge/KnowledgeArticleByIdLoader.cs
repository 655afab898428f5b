using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.Knowledge;

/// <summary>Articles by id with all their versions (who sees which is decided per caller, <see cref="KnowledgeVisibility"/>).</summary>
public sealed class KnowledgeArticleByIdLoader(IDbContextFactory<ServiceDbContext> contexts) : BatchDataLoader<string, KnowledgeArticle>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, KnowledgeArticle>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<KnowledgeArticle>().AsNoTracking()
            .Where(a => keys.Contains(a.Id))
            .Include(a => a.Versions)
            .AsSplitQuery()
            .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
    }
}
