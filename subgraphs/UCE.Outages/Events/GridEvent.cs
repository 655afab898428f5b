using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>
/// One validated grid event. <see cref="EventId"/> is the producer's id of the event and the key of idempotency;
/// <see cref="OccurredAt"/> is when the grid saw it, the time written in the outage's history.
/// </summary>
public sealed record GridEvent(string EventId, GridEventType Type, string OutageId, DateTime OccurredAt)
{
    /// <summary>Who reported it (a SCADA system, a dispatcher, an operator's subject); the history's <c>changedBy</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The cause, on <see cref="GridEventType.OutageDetected"/>; unknown when absent.</summary>
    public OutageCause? Cause { get; init; }

    /// <summary>The service locations of a detected outage (the first one names the feeder and area), or those added or removed.</summary>
    public IReadOnlyList<string> LocationIds { get; init; } = [];

    /// <summary>A new restoration estimate: required on <see cref="GridEventType.RestorationEstimateChanged"/>, optional on the others.</summary>
    public DateTime? EstimatedRestorationAt { get; init; }

    /// <summary>A note for the history step of a status event.</summary>
    public string? Note { get; init; }
}
