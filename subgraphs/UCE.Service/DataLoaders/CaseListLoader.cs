using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.DataLoaders;

/// <summary>Cases grouped by what they belong to (a customer, an account, an outage), newest first, in one query per batch.</summary>
public abstract class CaseListLoader(IDbContextFactory<ServiceDbContext> contexts) : GroupDataLoader<string, Case>(StringComparer.Ordinal)
{
    protected sealed override async Task<ILookup<string, Case>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Matching(db.Cases.AsNoTracking(), keys).ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(c => c.OpenedAt)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToLookup(KeyOf, StringComparer.Ordinal);
    }

    /// <summary>The cases that belong to one of <paramref name="keys"/>.</summary>
    protected abstract IQueryable<Case> Matching(IQueryable<Case> cases, IReadOnlyList<string> keys);

    /// <summary>What a case of <see cref="Matching"/> belongs to.</summary>
    protected abstract string KeyOf(Case found);
}

/// <summary>Every case of each customer, newest first.</summary>
public sealed class CasesByCustomerLoader(IDbContextFactory<ServiceDbContext> contexts) : CaseListLoader(contexts)
{
    protected override IQueryable<Case> Matching(IQueryable<Case> cases, IReadOnlyList<string> keys) => cases.Where(c => keys.Contains(c.CustomerId));

    protected override string KeyOf(Case found) => found.CustomerId;
}

/// <summary>The cases that concern each account, newest first.</summary>
public sealed class CasesByAccountLoader(IDbContextFactory<ServiceDbContext> contexts) : CaseListLoader(contexts)
{
    protected override IQueryable<Case> Matching(IQueryable<Case> cases, IReadOnlyList<string> keys) => cases.Where(c => c.AccountId != null && keys.Contains(c.AccountId));

    protected override string KeyOf(Case found) => found.AccountId!;
}

/// <summary>The cases that concern each outage, newest first.</summary>
public sealed class CasesByOutageLoader(IDbContextFactory<ServiceDbContext> contexts) : CaseListLoader(contexts)
{
    protected override IQueryable<Case> Matching(IQueryable<Case> cases, IReadOnlyList<string> keys) => cases.Where(c => c.OutageId != null && keys.Contains(c.OutageId));

    protected override string KeyOf(Case found) => found.OutageId!;
}
