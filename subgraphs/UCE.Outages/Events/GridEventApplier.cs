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
/// <see cref="ProcessedGridEvent"/> row, which keeps the change it made, so an event applied before changes nothing again.
/// After the commit the change is published as <see cref="OutageChanged"/> on the change channel and added to the change
/// stream; a redelivered event adds its stored change to the stream again, so a crash between the commit and the stream
/// loses no change (consumers of the stream dedupe by event id).
/// </summary>
public sealed class GridEventApplier(
    IDbContextFactory<OutagesDbContext> contexts,
    IMessageBus bus,
    IEventStream stream,
    GridEventOptions options,
    TimeProvider clock,
    ILogger<GridEventApplier> logger)
{
    /// <summary>The field of a change stream entry that holds the <see cref="OutageChanged"/> JSON.</summary>
    public const string ChangeField = "change";

    public async Task<GridEventResult> ApplyAsync(GridEvent gridEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gridEvent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var feeder = await FeederOfAsync(db, gridEvent, cancellationToken);
        if (feeder is null)
        {
            return await StoredChangeAsync(db, gridEvent, cancellationToken) is { } stored
                ? await RedeliveredAsync(gridEvent, stored, cancellationToken)
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

        if (await StoredChangeAsync(db, gridEvent, cancellationToken) is { } applied)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RedeliveredAsync(gridEvent, applied, cancellationToken);
        }

        var (outage, previous, removed, added, refusal) = gridEvent.Type == GridEventType.OutageDetected
            ? await OpenAsync(db, gridEvent, cancellationToken)
            : await ChangeAsync(db, gridEvent, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var customers = await CustomersAsync(db, outage!, added, removed, cancellationToken);
        var change = OutageChanged.Of(outage!, gridEvent, previous, removed, customers);
        var changeJson = change.ToJson();
        db.ProcessedGridEvents.Add(new ProcessedGridEvent
        {
            EventId = gridEvent.EventId,
            OutageId = gridEvent.OutageId,
            Type = GridEventTypes.NameOf(gridEvent.Type),
            AppliedAt = clock.GetUtcNow().UtcDateTime,
            Change = changeJson,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Without the advisory lock (SQLite) two deliveries can race to the key; the loser changed nothing.
            if (await AppliedElsewhereAsync(gridEvent, cancellationToken) is { } elsewhere)
            {
                return await RedeliveredAsync(gridEvent, elsewhere, cancellationToken);
            }

            throw;
        }

        outage!.ClearPendingEvents();
        await PublishAsync(change, cancellationToken);
        var streamed = await StreamAsync(change.EventId, changeJson, cancellationToken);
        return GridEventResult.Applied(outage, change, streamed);
    }

    private async Task<(Outage? Outage, OutageStatus? Previous, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, GridEventResult? Refusal)> OpenAsync(
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
        return (outage, null, [], [.. outage.AffectedLocations.Select(l => l.LocationId)], null);
    }

    private async Task<(Outage? Outage, OutageStatus? Previous, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, GridEventResult? Refusal)> ChangeAsync(
        OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken)
    {
        var outage = await db.Outages.Include(o => o.AffectedLocations).SingleAsync(o => o.Id == gridEvent.OutageId, cancellationToken);
        var previous = outage.Status;
        if (!outage.IsActive)
        {
            return Refuse(OutageErrorCodes.OutageStatusTransitionInvalid, $"Outage {outage.Id} is restored; restored is final.");
        }

        IReadOnlyList<string> removed = [];
        IReadOnlyList<string> added = [];
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

                var before = outage.AffectedLocations.Select(l => l.LocationId).ToHashSet(StringComparer.Ordinal);
                foreach (var locationId in gridEvent.LocationIds)
                {
                    outage.Affect(locationId);
                }

                added = [.. gridEvent.LocationIds.Distinct(StringComparer.Ordinal).Where(id => !before.Contains(id))];
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

        return (outage, previous, removed, added, null);
    }

    /// <summary>
    /// The customers served at the outage's locations after the change, those the change brought in (served at an added
    /// location and at no location affected before), and those it released (served at a removed location and at none still affected).
    /// </summary>
    private static async Task<OutageCustomers> CustomersAsync(
        OutagesDbContext db, Outage outage, IReadOnlyList<string> added, IReadOnlyList<string> removed, CancellationToken cancellationToken)
    {
        var affected = outage.AffectedLocations.Select(l => l.LocationId).ToList();
        var wanted = affected.Concat(removed).Distinct(StringComparer.Ordinal).ToList();
        var owners = await db.GridConnections.AsNoTracking()
            .Where(c => wanted.Contains(c.LocationId))
            .Select(c => new { c.LocationId, c.CustomerId })
            .ToDictionaryAsync(c => c.LocationId, c => c.CustomerId, StringComparer.Ordinal, cancellationToken);
        List<string> CustomersAt(IEnumerable<string> locations) =>
            [.. locations.Select(id => owners.GetValueOrDefault(id)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        var affectedCustomers = CustomersAt(affected);
        var addedSet = added.ToHashSet(StringComparer.Ordinal);
        var stillAffectedBefore = CustomersAt(affected.Where(id => !addedSet.Contains(id))).ToHashSet(StringComparer.Ordinal);
        var affectedSet = affectedCustomers.ToHashSet(StringComparer.Ordinal);
        return new OutageCustomers(
            affectedCustomers,
            [.. CustomersAt(added).Where(id => !stillAffectedBefore.Contains(id))],
            [.. CustomersAt(removed).Where(id => !affectedSet.Contains(id))]);
    }

    /// <summary>The feeder whose lock the event takes: its outage's, or, for a new outage, its first location's. Null when neither exists.</summary>
    private static Task<string?> FeederOfAsync(OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken) =>
        gridEvent.Type == GridEventType.OutageDetected
            ? db.GridConnections.Where(c => c.LocationId == gridEvent.LocationIds[0]).Select(c => c.FeederName).SingleOrDefaultAsync(cancellationToken)
            : db.Outages.Where(o => o.Id == gridEvent.OutageId).Select(o => o.FeederName).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The row of an event applied before (a redelivery), or null when the event is new.</summary>
    private static Task<AppliedChange?> StoredChangeAsync(OutagesDbContext db, GridEvent gridEvent, CancellationToken cancellationToken) =>
        db.ProcessedGridEvents.AsNoTracking()
            .Where(e => e.EventId == gridEvent.EventId)
            .Select(e => new AppliedChange(e.Change))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<AppliedChange?> AppliedElsewhereAsync(GridEvent gridEvent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StoredChangeAsync(db, gridEvent, cancellationToken);
    }

    /// <summary>A redelivered event changes nothing, but its change goes to the stream again: the first delivery may have died before it did.</summary>
    private async Task<GridEventResult> RedeliveredAsync(GridEvent gridEvent, AppliedChange applied, CancellationToken cancellationToken) =>
        applied.Change is null
            ? GridEventResult.Duplicate
            : await StreamAsync(gridEvent.EventId, applied.Change, cancellationToken)
                ? GridEventResult.Duplicate
                : GridEventResult.DuplicateNotStreamed;

    /// <summary>Adds a change to the change stream; false (logged) when the stream cannot be reached.</summary>
    private async Task<bool> StreamAsync(string eventId, string changeJson, CancellationToken cancellationToken)
    {
        try
        {
            await stream.AddAsync(options.ChangeStream, new Dictionary<string, string>(StringComparer.Ordinal) { [ChangeField] = changeJson }, cancellationToken);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "The change made by {EventId} is committed but could not be added to {Stream}", eventId, options.ChangeStream);
            return false;
        }
    }

    private sealed record AppliedChange(string? Change);

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

    private static (Outage?, OutageStatus?, IReadOnlyList<string>, IReadOnlyList<string>, GridEventResult?) Refuse(string code, string reason) =>
        (null, null, [], [], GridEventResult.Rejected(code, reason));

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
