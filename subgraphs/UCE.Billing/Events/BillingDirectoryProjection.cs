using Microsoft.EntityFrameworkCore;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;

namespace UCE.Billing.Events;

/// <summary>Opens the billing side of every new account (zero balance, no autopay), so it can be paid into and billed at once.</summary>
public sealed class BillingDirectoryProjection(IDbContextFactory<BillingDbContext> contexts) : IDirectoryProjection
{
    public Task<StreamEntryOutcome> ApplyAsync(DirectoryEvent directoryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directoryEvent);
        if (directoryEvent is not { Type: DirectoryEventTypes.AccountOpened, Account: { } account })
        {
            return Task.FromResult(StreamEntryOutcome.Duplicate);
        }

        return DirectoryRows.InsertOnceAsync(
            contexts,
            (db, ct) => db.Accounts.AnyAsync(a => a.Id == account.Id, ct),
            (db, _) =>
            {
                db.Accounts.Add(new BillingAccount
                {
                    Id = account.Id,
                    Number = account.Number,
                    CustomerId = directoryEvent.CustomerId,
                    BalanceMinor = 0,
                    BalanceUpdatedAt = directoryEvent.OccurredAt,
                });
                return Task.CompletedTask;
            },
            cancellationToken);
    }
}
