namespace UCE.Outages.Data;

/// <summary>A grid event that has been applied, written in the same transaction as its change: a redelivered event finds it and changes nothing.</summary>
public sealed class ProcessedGridEvent
{
    public required string EventId { get; init; }

    public required string OutageId { get; init; }

    /// <summary>The event type as it arrived (<c>outage.confirmed</c>).</summary>
    public required string Type { get; init; }

    public DateTime AppliedAt { get; init; }

    /// <summary>
    /// The change the event made (<c>OutageChanged</c> as JSON), committed with the change itself: a redelivery of the event re-adds
    /// it to the change stream, so a crash between the commit and the stream loses nothing. Null on rows written before it was kept.
    /// </summary>
    public string? Change { get; init; }
}
