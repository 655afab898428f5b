namespace UCE.Outages.Data;

/// <summary>Where an outage is in its life cycle; it only ever moves forward.</summary>
public enum OutageStatus
{
    Reported,
    Confirmed,
    CrewDispatched,
    Restoring,
    Restored,
}
