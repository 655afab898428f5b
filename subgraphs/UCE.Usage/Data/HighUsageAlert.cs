namespace UCE.Usage.Data;

/// <summary>
/// A meter's month that crossed the high-usage threshold, written in the same transaction as the reading that made it cross: at
/// most one per meter and month, however often readings arrive or are delivered again. It keeps the event it raised, until
/// the event is on the usage event stream (<see cref="StreamedAt"/>).
/// </summary>
public sealed class HighUsageAlert
{
    public required string MeterId { get; init; }

    /// <summary>The first day of the month whose summary crossed the threshold.</summary>
    public DateOnly PeriodStart { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>The id of the event raised (<c>usage-high-&lt;meter&gt;-&lt;yyyy-MM&gt;</c>): the key consumers dedupe by.</summary>
    public required string EventId { get; init; }

    /// <summary>The event as JSON (<c>HighUsageEvent</c>).</summary>
    public required string Event { get; init; }

    public DateTime RaisedAt { get; init; }

    /// <summary>When the event was added to the stream; null while it is not (the stream could not be reached).</summary>
    public DateTime? StreamedAt { get; set; }
}
