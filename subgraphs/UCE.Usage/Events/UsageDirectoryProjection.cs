using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Usage.Data;

namespace UCE.Usage.Events;

/// <summary>
/// Registers the meter of every new service location (at the segment's tariff, with no reads yet: its reads start on the
/// account's first day) and ties the new account to it.
/// </summary>
public sealed class UsageDirectoryProjection(IDbContextFactory<UsageDbContext> contexts) : IDirectoryProjection
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
            (db, ct) => db.MeteredAccounts.AnyAsync(a => a.AccountId == account.Id, ct),
            async (db, ct) =>
            {
                if (!await db.Meters.AnyAsync(m => m.Id == account.MeterId, ct))
                {
                    db.Meters.Add(new Meter
                    {
                        Id = account.MeterId,
                        LocationId = account.LocationId,
                        CustomerId = directoryEvent.CustomerId,
                        RatePerKwh = Meter.TariffPerKwh(account.Commercial),
                        ReadThrough = account.OpensOn.AddDays(-1),
                    });
                }

                db.MeteredAccounts.Add(new MeteredAccount { AccountId = account.Id, MeterId = account.MeterId });
            },
            cancellationToken);
    }
}
