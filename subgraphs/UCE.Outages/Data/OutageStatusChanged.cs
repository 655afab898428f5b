namespace UCE.Outages.Data;

/// <summary>Raised whenever an outage changes status; the payload of real-time status subscriptions.</summary>
public sealed record OutageStatusChanged(string OutageId, OutageStatus? PreviousStatus, OutageStatus Status, DateTime At);
