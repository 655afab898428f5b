namespace UCE.Service.Data;

/// <summary>Where a case is in its life cycle; <see cref="CaseLifecycle"/> says which moves are allowed.</summary>
public enum CaseStatus
{
    New,
    Assigned,
    InProgress,
    WaitingOnCustomer,
    Resolved,
    Closed,
}
