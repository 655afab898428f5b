using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.DataLoaders;

/// <summary>The survey answer of each case, when there is one.</summary>
public sealed class SurveyByCaseLoader(IDbContextFactory<ServiceDbContext> contexts) : BatchDataLoader<string, CaseSurvey>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, CaseSurvey>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CaseSurveys.AsNoTracking()
            .Where(s => keys.Contains(s.CaseId))
            .ToDictionaryAsync(s => s.CaseId, StringComparer.Ordinal, cancellationToken);
    }
}
