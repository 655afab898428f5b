using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>Which page of an account's bills: the newest <see cref="First"/> bills whose period starts before <see cref="Before"/>.</summary>
public readonly record struct BillPageKey(string AccountId, string CustomerId, int First, DateOnly? Before);

/// <summary>One page of an account's bills, newest first.</summary>
public sealed record BillPage(IReadOnlyList<Bill> Bills, bool HasNextPage, bool HasPreviousPage);

/// <summary>
/// Pages of bills for many accounts. Keys asking for the same page size and cursor (the usual
/// case: one field over a list of accounts) share one query that takes the newest rows of each account.
/// </summary>
public sealed class BillPageLoader(IDbContextFactory<BillingDbContext> contexts) : DataLoader<BillPageKey, BillPage>
{
    protected override async Task<IReadOnlyDictionary<BillPageKey, BillPage>> FetchAsync(IReadOnlyList<BillPageKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pages = new Dictionary<BillPageKey, BillPage>();
        foreach (var window in keys.GroupBy(k => (k.First, k.Before)))
        {
            var accountIds = window.Select(k => k.AccountId).Distinct().ToList();
            var (first, before) = window.Key;
            var take = first + 1;
            var query = db.Bills.AsNoTracking().Where(b => accountIds.Contains(b.AccountId));
            if (before is { } cursor)
            {
                query = query.Where(b => b.PeriodStart < cursor);
            }

            // A bill is on the page when fewer than `take` bills of its account are newer; SQLite and
            // PostgreSQL both run this as one statement.
            var rows = await query
                .Where(b => query.Count(newer => newer.AccountId == b.AccountId && newer.PeriodStart > b.PeriodStart) < take)
                .ToListAsync(cancellationToken);
            var byAccount = rows.ToLookup(b => b.AccountId);
            foreach (var key in window)
            {
                var bills = byAccount[key.AccountId].OrderByDescending(b => b.PeriodStart).ToList();
                foreach (var bill in bills)
                {
                    bill.CustomerId = key.CustomerId;
                }

                pages[key] = new BillPage(bills.Take(first).ToList(), HasNextPage: bills.Count > first, HasPreviousPage: before is not null);
            }
        }

        return pages;
    }

    protected override BillPage Missing(BillPageKey key) => new([], false, key.Before is not null);
}
