using System.Text.Json;
using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>
/// Published on the change channel after every applied grid event or status update, for every instance of the subgraph
/// (their subscriptions) and any other listener. It carries the outage's state as committed by this change, so a
/// subscriber sees each step even when the next one follows at once. <see cref="AreaName"/> is the outage's operating
/// area, the <c>area</c> of <c>outagesInArea</c>; <see cref="RemovedLocationIds"/> lists locations this change took out.
/// The customer lists name the customers served at those locations, so that a consumer of the change stream (communications)
/// knows whom to tell without asking this subgraph.
/// </summary>
public sealed record OutageChanged(
    string EventId,
    string EventType,
    string OutageId,
    OutageStatus Status,
    OutageStatus? PreviousStatus,
    DateTime? EstimatedRestorationAt,
    string AreaName,
    IReadOnlyList<string> AffectedLocationIds,
    IReadOnlyList<string> RemovedLocationIds,
    DateTime At)
{
    public OutageCause Cause { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? RestoredAt { get; init; }

    public string FeederName { get; init; } = "";

    /// <summary>The customers served at the affected locations after the change, distinct and sorted.</summary>
    public IReadOnlyList<string> AffectedCustomerIds { get; init; } = [];

    /// <summary>
    /// The customers this change brought into the outage: every affected customer when it opens, the customers of newly added
    /// locations who were not affected already when locations are added; empty for other changes.
    /// </summary>
    public IReadOnlyList<string> AddedCustomerIds { get; init; } = [];

    /// <summary>The customers whose last affected location this change released (power back by a partial restoration).</summary>
    public IReadOnlyList<string> ReleasedCustomerIds { get; init; } = [];

    /// <summary>The message of the change <paramref name="gridEvent"/> made to <paramref name="outage"/>.</summary>
    public static OutageChanged Of(Outage outage, GridEvent gridEvent, OutageStatus? previous, IReadOnlyList<string> removed, OutageCustomers? customers = null)
    {
        ArgumentNullException.ThrowIfNull(outage);
        ArgumentNullException.ThrowIfNull(gridEvent);
        return new OutageChanged(
            gridEvent.EventId,
            GridEventTypes.NameOf(gridEvent.Type),
            outage.Id,
            outage.Status,
            previous,
            outage.EstimatedRestorationAt,
            outage.AreaName,
            [.. outage.AffectedLocations.Select(l => l.LocationId).Order(StringComparer.Ordinal)],
            removed,
            gridEvent.OccurredAt)
        {
            Cause = outage.Cause,
            StartedAt = outage.StartedAt,
            RestoredAt = outage.RestoredAt,
            FeederName = outage.FeederName,
            AffectedCustomerIds = customers?.Affected ?? [],
            AddedCustomerIds = customers?.Added ?? [],
            ReleasedCustomerIds = customers?.Released ?? [],
        };
    }

    /// <summary>The outage as this change left it (scalar state; see <see cref="Outage.Snapshot"/>).</summary>
    public Outage ToOutage() =>
        Outage.Snapshot(OutageId, Status, Cause, StartedAt, EstimatedRestorationAt, RestoredAt, FeederName, AreaName, AffectedLocationIds.Count);

    public string ToJson() => JsonSerializer.Serialize(this, EventJson.Options);

    /// <summary>The message in <paramref name="json"/>, or null when it is not one.</summary>
    public static OutageChanged? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OutageChanged>(json, EventJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when the change concerns any of <paramref name="locationIds"/> (affected now, or just released).</summary>
    public bool Touches(IReadOnlySet<string> locationIds) =>
        AffectedLocationIds.Any(locationIds.Contains) || RemovedLocationIds.Any(locationIds.Contains);
}

/// <summary>The customers behind a change's locations: see <see cref="OutageChanged.AffectedCustomerIds"/> and its siblings.</summary>
public sealed record OutageCustomers(IReadOnlyList<string> Affected, IReadOnlyList<string> Added, IReadOnlyList<string> Released);
