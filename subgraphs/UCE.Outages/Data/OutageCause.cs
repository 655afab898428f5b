namespace UCE.Outages.Data;

/// <summary>What caused an outage, as far as the utility knows.</summary>
public enum OutageCause
{
    Unknown,
    Weather,
    EquipmentFailure,
    Vegetation,
    Animal,
    VehicleAccident,
    PlannedMaintenance,
}
