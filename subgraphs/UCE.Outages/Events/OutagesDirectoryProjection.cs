using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;

namespace UCE.Outages.Events;

/// <summary>
/// Connects every new service location to the grid: to the feeder that serves most locations with its postal code, else to
/// one picked steadily by the postal code among the known feeders (the grid's own connectivity data would say which; this
/// graph has none), so the customer can report outages and sees those at their premises.
/// </summary>
public sealed class OutagesDirectoryProjection(IDbContextFactory<OutagesDbContext> contexts) : IDirectoryProjection
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
            (db, ct) => db.GridConnections.AnyAsync(c => c.LocationId == account.LocationId, ct),
            async (db, ct) =>
            {
                var (feeder, area) = await FeederForAsync(db, account, ct);
                db.GridConnections.Add(new GridConnection
                {
                    LocationId = account.LocationId,
                    CustomerId = directoryEvent.CustomerId,
                    FeederName = feeder,
                    AreaName = area,
                });
            },
            cancellationToken);
    }

    private static async Task<(string Feeder, string Area)> FeederForAsync(OutagesDbContext db, DirectoryAccount account, CancellationToken cancellationToken)
    {
        var feeders = await db.GridConnections.AsNoTracking()
            .Select(c => new { c.FeederName, c.AreaName })
            .Distinct()
            .OrderBy(c => c.FeederName)
            .ToListAsync(cancellationToken);
        if (feeders.Count == 0)
        {
            return ($"FDR-{account.PostalCode}", account.City);
        }

        var index = (int)(StableHash(account.PostalCode) % (uint)feeders.Count);
        return (feeders[index].FeederName, feeders[index].AreaName);
    }

    /// <summary>FNV-1a: the same postal code picks the same feeder in every process (unlike <see cref="string.GetHashCode()"/>).</summary>
    private static uint StableHash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
