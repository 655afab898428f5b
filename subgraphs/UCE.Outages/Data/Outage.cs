namespace UCE.Outages.Data;

/// <summary>A loss of supply on a feeder, from the first report until restoration.</summary>
public sealed class Outage
{
    private readonly List<OutageStatusChanged> pendingEvents = [];

    private Outage()
    {
    }

    public string Id { get; private set; } = "";

    public OutageStatus Status { get; private set; }

    public OutageCause Cause { get; set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? EstimatedRestorationAt { get; set; }

    public DateTime? RestoredAt { get; private set; }

    public string FeederName { get; private set; } = "";

    public string AreaName { get; private set; } = "";

    public int AffectedCustomerCount { get; private set; }

    public List<OutageLocation> AffectedLocations { get; } = [];

    public List<OutageStatusChange> StatusHistory { get; } = [];

    public List<OutageReport> Reports { get; } = [];

    /// <summary>Status changes made on this instance and not yet published.</summary>
    public IReadOnlyList<OutageStatusChanged> PendingEvents => pendingEvents;

    public bool IsActive => Status != OutageStatus.Restored;

    /// <summary>Opens an outage in <see cref="OutageStatus.Reported"/> on the feeder of <paramref name="firstLocation"/>.</summary>
    public static Outage Open(string id, GridConnection firstLocation, OutageCause cause, DateTime startedAt, string? openedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var outage = new Outage
        {
            Id = id,
            Cause = cause,
            StartedAt = EnsureUtc(startedAt),
            FeederName = firstLocation.FeederName,
            AreaName = firstLocation.AreaName,
        };
        outage.Record(null, OutageStatus.Reported, outage.StartedAt, openedBy, note: null);
        outage.Affect(firstLocation.LocationId);
        return outage;
    }

    /// <summary>
    /// The outage as a change message describes it, for subscribers: its scalar state only (no locations, history or
    /// reports, which resolvers load by id). Never saved.
    /// </summary>
    public static Outage Snapshot(
        string id, OutageStatus status, OutageCause cause, DateTime startedAt, DateTime? estimatedRestorationAt, DateTime? restoredAt,
        string feederName, string areaName, int affectedCustomerCount) => new()
        {
            Id = id,
            Status = status,
            Cause = cause,
            StartedAt = EnsureUtc(startedAt),
            EstimatedRestorationAt = estimatedRestorationAt,
            RestoredAt = restoredAt,
            FeederName = feederName,
            AreaName = areaName,
            AffectedCustomerCount = affectedCustomerCount,
        };

    /// <summary>Adds a location to the affected set; a location already in it is not counted twice.</summary>
    public void Affect(string locationId)
    {
        if (AffectedLocations.Exists(l => l.LocationId == locationId))
        {
            return;
        }

        AffectedLocations.Add(new OutageLocation { OutageId = Id, LocationId = locationId });
        AffectedCustomerCount++;
    }

    /// <summary>Takes a location out of the affected set (the grid found it supplied after all); false when it was not in it.</summary>
    public bool Release(string locationId)
    {
        var location = AffectedLocations.Find(l => l.LocationId == locationId);
        if (location is null)
        {
            return false;
        }

        AffectedLocations.Remove(location);
        AffectedCustomerCount--;
        return true;
    }

    /// <summary>
    /// The one way an outage changes status: it records the step in the history and queues an
    /// <see cref="OutageStatusChanged"/> event. Status only moves forward; restored is final.
    /// </summary>
    public OutageStatusChanged ChangeStatus(OutageStatus next, DateTime at, string? changedBy, string? note = null)
    {
        if (next <= Status)
        {
            throw new InvalidOperationException($"Outage {Id} cannot move from {Status} to {next}.");
        }

        at = EnsureUtc(at);
        var previous = Status;
        if (next == OutageStatus.Restored)
        {
            RestoredAt = at;
        }

        return Record(previous, next, at, changedBy, note);
    }

    /// <summary>Forgets the queued events once they have been published.</summary>
    public void ClearPendingEvents() => pendingEvents.Clear();

    private OutageStatusChanged Record(OutageStatus? previous, OutageStatus next, DateTime at, string? changedBy, string? note)
    {
        Status = next;
        StatusHistory.Add(new OutageStatusChange { OutageId = Id, Status = next, At = at, ChangedBy = changedBy, Note = note });
        var changed = new OutageStatusChanged(Id, previous, next, at);
        pendingEvents.Add(changed);
        return changed;
    }

    private static DateTime EnsureUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);
}
