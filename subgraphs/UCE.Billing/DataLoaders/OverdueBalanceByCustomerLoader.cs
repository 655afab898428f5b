using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>
/// What each customer owes on bills past their due date, over all of their accounts, in minor units; a customer with
/// nothing overdue owes 0.
/// </summary>
public sealed class OverdueBalanceByCustomerLoader(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock) : DataLoader<string, long>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, long>> FetchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bills.AsNoTracking()
            .Where(b => b.DueDate < today && b.AmountMinor > b.PaidMinor)
            .Join(db.Accounts.Where(a => keys.Contains(a.CustomerId)), b => b.AccountId, a => a.Id, (b, a) => new { a.CustomerId, Due = b.AmountMinor - b.PaidMinor })
            .GroupBy(row => row.CustomerId)
            .Select(group => new { CustomerId = group.Key, Due = group.Sum(row => row.Due) })
            .ToDictionaryAsync(row => row.CustomerId, row => row.Due, StringComparer.Ordinal, cancellationToken);
    }
}
