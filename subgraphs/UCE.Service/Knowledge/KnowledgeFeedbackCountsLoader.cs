using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.Knowledge;

/// <summary>Helpfulness counts per article, counted in SQL; an article without ratings is missing (zero).</summary>
public sealed class KnowledgeFeedbackCountsLoader(IDbContextFactory<ServiceDbContext> contexts) : BatchDataLoader<string, KnowledgeFeedbackCounts>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, KnowledgeFeedbackCounts>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<KnowledgeFeedback>().AsNoTracking()
            .Where(f => keys.Contains(f.ArticleId))
            .GroupBy(f => f.ArticleId)
            .Select(g => new { ArticleId = g.Key, Helpful = g.Count(f => f.Helpful), NotHelpful = g.Count(f => !f.Helpful) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.ArticleId, r => new KnowledgeFeedbackCounts(r.Helpful, r.NotHelpful), StringComparer.Ordinal);
    }
}
