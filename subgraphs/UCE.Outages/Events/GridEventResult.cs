using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>What applying a grid event did: applied (with the outage as committed and the change published), nothing (a redelivery), or refused.</summary>
public sealed record GridEventResult(GridEventResultKind Kind, Outage? Outage = null, OutageChanged? Change = null, string? Code = null, string? Reason = null)
{
    public static GridEventResult Applied(Outage outage, OutageChanged change) => new(GridEventResultKind.Applied, outage, change);

    public static GridEventResult Duplicate { get; } = new(GridEventResultKind.Duplicate);

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
