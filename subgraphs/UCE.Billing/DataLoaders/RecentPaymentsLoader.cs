using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>The newest <see cref="First"/> payments of an account.</summary>
public readonly record struct RecentPaymentsKey(string AccountId, int First);

/// <summary>Recent payments of many accounts, newest first; one query per distinct page size.</summary>
public sealed class RecentPaymentsLoader(IDbContextFactory<BillingDbContext> contexts) : GroupDataLoader<RecentPaymentsKey, Payment>
{
    protected override async Task<ILookup<RecentPaymentsKey, Payment>> LoadGroupsAsync(IReadOnlyList<RecentPaymentsKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = new List<(RecentPaymentsKey Key, Payment Payment)>();
        foreach (var window in keys.GroupBy(k => k.First))
        {
            var accountIds = window.Select(k => k.AccountId).Distinct().ToList();
            var first = window.Key;
            var candidates = db.Payments.AsNoTracking().Where(p => accountIds.Contains(p.AccountId));

            // A payment is among the newest `first` when fewer than `first` payments of its account are newer.
            var rows = await candidates
                .Where(p => candidates.Count(newer => newer.AccountId == p.AccountId
                    && (newer.At > p.At || (newer.At == p.At && string.Compare(newer.Id, p.Id) > 0))) < first)
                .ToListAsync(cancellationToken);
            found.AddRange(rows
                .OrderByDescending(p => p.At).ThenByDescending(p => p.Id)
                .Select(p => (new RecentPaymentsKey(p.AccountId, first), p)));
        }

        return found.ToLookup(f => f.Key, f => f.Payment);
    }
}
