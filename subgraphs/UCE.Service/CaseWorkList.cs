using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Service.Types;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Service;

/// <summary>One page of open cases, soonest SLA due time first.</summary>
public sealed record CasePage(IReadOnlyList<Case> Cases, bool HasNextPage, bool HasPreviousPage, int TotalCount);

/// <summary>
/// The work lists of the agent desktop: an agent's or a queue's open cases, soonest SLA due time first (ties by id),
/// paged by keyset so that a page stays right while cases are opened and resolved around it.
/// </summary>
public sealed class CaseWorkList(IDbContextFactory<ServiceDbContext> contexts)
{
    public Task<CasePage> ForAgentAsync(string agent, int first, string? after, CancellationToken cancellationToken) =>
        PageAsync(cases => cases.Where(c => c.AssignedAgent == agent), first, after, cancellationToken);

    public Task<CasePage> ForQueueAsync(CaseQueue queue, int first, string? after, CancellationToken cancellationToken) =>
        PageAsync(cases => cases.Where(c => c.Queue == queue), first, after, cancellationToken);

    private async Task<CasePage> PageAsync(Func<IQueryable<Case>, IQueryable<Case>> filter, int first, string? after, CancellationToken cancellationToken)
    {
        var position = after is null
            ? ((DateTime SlaDueAt, string Id)?)null
            : CaseCursor.Decode(after) ?? throw new DomainError(ErrorCodes.BadUserInput, $"Argument 'after' is not a cursor of this list: '{after}'.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = filter(db.Cases.AsNoTracking())
            .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
        var total = await open.CountAsync(cancellationToken);
        var query = open;
        if (position is var (due, id))
        {
            query = query.Where(c => c.SlaDueAt > due || (c.SlaDueAt == due && string.Compare(c.Id, id) > 0));
        }

        var rows = await query
            .OrderBy(c => c.SlaDueAt)
            .ThenBy(c => c.Id)
            .Take(first + 1)
            .ToListAsync(cancellationToken);
        return new CasePage(rows.Take(first).ToList(), HasNextPage: rows.Count > first, HasPreviousPage: position is not null, total);
    }
}
