using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>
/// What applying a grid event did: applied (with the outage as committed and the change published), nothing (a redelivery), or
/// refused. <see cref="Streamed"/> is false when the change, new or stored, could not be added to the change stream: the event
/// should then come back, so that its redelivery adds it.
/// </summary>
public sealed record GridEventResult(GridEventResultKind Kind, Outage? Outage = null, OutageChanged? Change = null, string? Code = null, string? Reason = null, bool Streamed = true)
{
    public static GridEventResult Applied(Outage outage, OutageChanged change, bool streamed = true) => new(GridEventResultKind.Applied, outage, change, Streamed: streamed);

    public static GridEventResult Duplicate { get; } = new(GridEventResultKind.Duplicate);

    /// <summary>A redelivery whose stored change could not be added to the change stream again.</summary>
    public static GridEventResult DuplicateNotStreamed { get; } = new(GridEventResultKind.Duplicate, Streamed: false);

    /// <summary>The event cannot be applied: <paramref name="code"/> is an <c>extensions.code</c> (<c>OUTAGE_NOT_FOUND</c>).</summary>
    public static GridEventResult Rejected(string code, string reason) => new(GridEventResultKind.Rejected, Code: code, Reason: reason);
}

/// <summary>The kinds of <see cref="GridEventResult"/>.</summary>
public enum GridEventResultKind
{
    Applied,
    Duplicate,
    Rejected,
}
