using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UCE.Outages.Data;
using UCE.Outages.Types;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Events;

/// <summary>
/// The one path by which grid events and operators change outages. An event is checked against the outage (known, a
/// legal step of <see cref="Outage.ChangeStatus"/>, known locations) and applied in one transaction together with its
/// <see cref="ProcessedGridEvent"/> row, so an event applied before changes nothing again. After the commit the change
/// is published as <see cref="OutageChanged"/> on the change channel.
/// </summary>
public sealed class GridEventApplier(
    IDbContextFactory<OutagesDbContext> contexts,
    IMessageBus bus,
    GridEventOptions options,
    TimeProvider clock,
    ILogger<GridEventApplier> logger)
{
    public async Task<GridEventResult> ApplyAsync(GridEvent gridEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gridEvent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var feeder = await FeederOfAsync(db, gridEvent, cancellationToken);
        if (feeder is null)
        {
            return await AlreadyAppliedAsync(db, gridEvent, cancellationToken)
                ? GridEventResult.Duplicate
                : gridEvent.Type == GridEventType.OutageDetected
                    ? GridEventResult.Rejected(OutageErrorCodes.ServiceLocationNotFound, $"No service location has id '{gridEvent.LocationIds[0]}'.")
                    : GridEventResult.Rejected(OutageErrorCodes.OutageNotFound, $"No outage has id '{gridEvent.OutageId}'.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The feeder's lock is the one reportOutage takes: every change to the outages of a feeder is serialised, and two
        // consumers holding the same event (one claimed it from the other) apply it once.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({feeder}))", cancellationToken);
        }

        if (await AlreadyAppliedAsync(db, gridEvent, cancellationToken))
        {
            return GridEventResult.Duplicate;
        }

        var (outage, previous, removed, refusal) = gridEvent.Type == GridEventType.OutageDetected
            ? await OpenAsync(db, gridEvent, cancellationToken)
            : await ChangeAsync(db, gridEvent, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        db.ProcessedGridEvents.Add(new ProcessedGridEvent
        {
            EventId = gridEvent.EventId,
            OutageId = gridEvent.OutageId,
            Type = GridEventTypes.NameOf(gridEvent.Type),
            AppliedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Without the advisory lock (SQLite) two deliveries can race to the key; the loser changed nothing.
            if (await AppliedElsewhereAsync(gridEvent, cancellationToken))
            {
                return GridEventResult.Duplicate;
            }

            throw;
        }

        outage!.ClearPendingEvents();
        var change = OutageChanged.Of(outage, gridEvent, previous, removed);
        await PublishAsync(change, cancellationToken);
        return GridEventResult.Applied(outage, change);
    }

    private async Task<(Outage? Outage, OutageStatus? Previous, IReadOnlyList<string> Removed, GridEventResult? Refusal)> OpenAsync(
        OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken)
    {
        if (await db.Outages.AnyAsync(o => o.Id == gridEvent.OutageId, cancellationToken))
        {
            return Refuse(OutageErrorCodes.OutageAlreadyExists, $"Outage '{gridEvent.OutageId}' already exists.");
        }

        var connections = await ConnectionsAsync(db, gridEvent.LocationIds, cancellationToken);
        if (Unknown(gridEvent.LocationIds, connections) is { } unknown)
        {
            return Refuse(OutageErrorCodes.ServiceLocationNotFound, unknown);
        }

        var outage = Outage.Open(gridEvent.OutageId, connections[gridEvent.LocationIds[0]], gridEvent.Cause ?? OutageCause.Unknown, gridEvent.OccurredAt, gridEvent.Source);
        foreach (var locationId in gridEvent.LocationIds)
        {
            outage.Affect(locationId);
        }

        outage.EstimatedRestorationAt = gridEvent.EstimatedRestorationAt;
        db.Outages.Add(outage);
        return (outage, null, [], null);
    }

    private async Task<(Outage? Outage, OutageStatus? Previous, IReadOnlyList<string> Removed, GridEventResult? Refusal)> ChangeAsync(
        OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken)
    {
        var outage = await db.Outages.Include(o => o.AffectedLocations).SingleAsync(o => o.Id == gridEvent.OutageId, cancellationToken);
        var previous = outage.Status;
        if (!outage.IsActive)
        {
            return Refuse(OutageErrorCodes.OutageStatusTransitionInvalid, $"Outage {outage.Id} is restored; restored is final.");
        }

        IReadOnlyList<string> removed = [];
        switch (gridEvent.Type)
        {
            case GridEventType.RestorationEstimateChanged:
                break;
            case GridEventType.LocationsAdded:
                var connections = await ConnectionsAsync(db, gridEvent.LocationIds, cancellationToken);
                if (Unknown(gridEvent.LocationIds, connections) is { } unknown)
                {
                    return Refuse(OutageErrorCodes.ServiceLocationNotFound, unknown);
                }

                foreach (var locationId in gridEvent.LocationIds)
                {
                    outage.Affect(locationId);
                }

                break;
            case GridEventType.LocationsRemoved:
                var affected = outage.AffectedLocations.Select(l => l.LocationId).ToHashSet(StringComparer.Ordinal);
                if (affected.IsSubsetOf(gridEvent.LocationIds))
                {
                    return Refuse(ErrorCodes.BadUserInput, $"Removing these locations would leave outage {outage.Id} without any; restore it instead.");
                }

                removed = [.. gridEvent.LocationIds.Distinct(StringComparer.Ordinal).Where(outage.Release).Order(StringComparer.Ordinal)];
                break;
            default:
                var next = GridEventTypes.StatusOf(gridEvent.Type)!.Value;
                if (next <= outage.Status)
                {
                    return Refuse(OutageErrorCodes.OutageStatusTransitionInvalid, $"Outage {outage.Id} cannot move from {outage.Status} to {next}.");
                }

                outage.ChangeStatus(next, gridEvent.OccurredAt, gridEvent.Source, gridEvent.Note);
                break;
        }

        if (gridEvent.EstimatedRestorationAt is { } estimate)
        {
            outage.EstimatedRestorationAt = estimate;
        }

        return (outage, previous, removed, null);
    }

    /// <summary>The feeder whose lock the event takes: its outage's, or, for a new outage, its first location's. Null when neither exists.</summary>
    private static Task<string?> FeederOfAsync(OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken) =>
        gridEvent.Type == GridEventType.OutageDetected
            ? db.GridConnections.Where(c => c.LocationId == gridEvent.LocationIds[0]).Select(c => c.FeederName).SingleOrDefaultAsync(cancellationToken)
            : db.Outages.Where(o => o.Id == gridEvent.OutageId).Select(o => o.FeederName).SingleOrDefaultAsync(cancellationToken);

    private static Task<bool> AlreadyAppliedAsync(OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken) =>
        db.ProcessedGridEvents.AnyAsync(e => e.EventId == gridEvent.EventId, cancellationToken);

    private async Task<bool> AppliedElsewhereAsync(GridEvent gridEvent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AlreadyAppliedAsync(db, gridEvent, cancellationToken);
    }

    private static async Task<Dictionary<string, GridConnection>> ConnectionsAsync(OutagesDbContext db, IReadOnlyList<string> locationIds, CancellationToken cancellationToken)
    {
        var wanted = locationIds.Distinct(StringComparer.Ordinal).ToList();
        return await db.GridConnections.AsNoTracking()
            .Where(c => wanted.Contains(c.LocationId))
            .ToDictionaryAsync(c => c.LocationId, StringComparer.Ordinal, cancellationToken);
    }

    private static string? Unknown(IReadOnlyList<string> locationIds, Dictionary<string, GridConnection> known)
    {
        var missing = locationIds.Where(id => !known.ContainsKey(id)).Distinct(StringComparer.Ordinal).Take(5).ToList();
        return missing.Count == 0 ? null : $"No service location has id {string.Join(", ", missing.Select(id => $"'{id}'"))}.";
    }

    private static (Outage?, OutageStatus?, IReadOnlyList<string>, GridEventResult?) Refuse(string code, string reason) =>
        (null, null, [], GridEventResult.Rejected(code, reason));

    private async Task PublishAsync(OutageChanged change, CancellationToken cancellationToken)
    {
        try
        {
            await bus.PublishAsync(options.ChangesChannel, change.ToJson(), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The change is committed and the event will be acknowledged; live subscribers miss this one message.
            logger.LogError(error, "Outage {OutageId} changed by {EventId} but the change could not be published", change.OutageId, change.EventId);
        }
    }
}
