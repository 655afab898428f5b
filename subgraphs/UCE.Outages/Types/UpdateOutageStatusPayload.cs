using UCE.Outages.Data;

namespace UCE.Outages.Types;

/// <summary>The result of <c>updateOutageStatus</c>: the outage as committed and the id of the event that changed it.</summary>
public sealed record UpdateOutageStatusPayload(Outage Outage, string EventId);
