using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.DataLoaders;

/// <summary>Every note of each case, oldest first; callers filter out what a customer may not read.</summary>
public sealed class NotesByCaseLoader(IDbContextFactory<ServiceDbContext> contexts) : GroupDataLoader<string, CaseNote>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, CaseNote>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CaseNotes.AsNoTracking()
            .Where(n => keys.Contains(n.CaseId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(n => n.CreatedAt)
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .ToLookup(n => n.CaseId, StringComparer.Ordinal);
    }
}
