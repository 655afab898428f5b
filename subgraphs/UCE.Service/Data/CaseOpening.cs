namespace UCE.Service.Data;

/// <summary>What a new case starts with, defaults already applied.</summary>
public sealed record CaseOpening(
    string Id,
    string CustomerId,
    CaseCategory Category,
    CasePriority Priority,
    CaseChannel Channel,
    CaseQueue Queue,
    string Subject,
    string Description,
    string? OpenedBy,
    string? AccountId = null,
    string? BillId = null,
    string? OutageId = null,
    string? EnrollmentId = null);
