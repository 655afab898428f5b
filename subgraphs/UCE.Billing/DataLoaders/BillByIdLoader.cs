using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.DataLoaders;

/// <summary>Bills by id, each with the customer who owns its account.</summary>
public sealed class BillByIdLoader(IDbContextFactory<BillingDbContext> contexts) : BatchDataLoader<string, Bill>
{
    protected override async Task<IReadOnlyDictionary<string, Bill>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Bills.AsNoTracking()
            .Where(b => keys.Contains(b.Id))
            .Join(db.Accounts, b => b.AccountId, a => a.Id, (bill, account) => new { Bill = bill, account.CustomerId })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.Bill.CustomerId = row.CustomerId;
        }

        return rows.ToDictionary(row => row.Bill.Id, row => row.Bill);
    }
}
