namespace UCE.Service.Data;

/// <summary>How urgent a case is; a higher priority shortens the SLA.</summary>
public enum CasePriority
{
    Low,
    Normal,
    High,
    Urgent,
}
