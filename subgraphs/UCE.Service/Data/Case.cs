namespace UCE.Service.Data;

/// <summary>A customer's inquiry or complaint, from opening to closure, with its SLA and what it concerns.</summary>
public sealed class Case
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public CaseCategory Category { get; init; }

    public CasePriority Priority { get; init; }

    public CaseChannel Channel { get; init; }

    public CaseStatus Status { get; private set; }

    public required string Subject { get; init; }

    public required string Description { get; init; }

    public CaseQueue Queue { get; set; }

    /// <summary>The subject of the agent working the case; null until assigned.</summary>
    public string? AssignedAgent { get; private set; }

    public DateTime OpenedAt { get; init; }

    /// <summary>The subject that opened the case (the customer or an agent), when known.</summary>
    public string? OpenedBy { get; init; }

    /// <summary>When the case must be resolved by, from the SLA table; a reopened case gets a new one.</summary>
    public DateTime SlaDueAt { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public CaseResolutionCode? ResolutionCode { get; private set; }

    /// <summary>Minutes from opening to the latest resolution; null while unresolved.</summary>
    public int? HandlingMinutes { get; private set; }

    public int ReopenCount { get; private set; }

    /// <summary>True once the case has waited on the customer: it then was not resolved on first contact.</summary>
    public bool WaitedOnCustomer { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string? AccountId { get; init; }

    public string? BillId { get; init; }

    public string? OutageId { get; init; }

    public string? EnrollmentId { get; init; }

    public bool IsOpen => Status is not (CaseStatus.Resolved or CaseStatus.Closed);

    /// <summary>Opens a case: NEW, in the opening's queue, due by the SLA of its category and priority.</summary>
    public static Case Open(CaseOpening opening, DateTime at) => new()
    {
        Id = opening.Id,
        CustomerId = opening.CustomerId,
        Category = opening.Category,
        Priority = opening.Priority,
        Channel = opening.Channel,
        Status = CaseStatus.New,
        Subject = opening.Subject,
        Description = opening.Description,
        Queue = opening.Queue,
        OpenedAt = at,
        OpenedBy = opening.OpenedBy,
        SlaDueAt = CaseServiceLevels.DueAt(opening.Category, opening.Priority, at),
        UpdatedAt = at,
        AccountId = opening.AccountId,
        BillId = opening.BillId,
        OutageId = opening.OutageId,
        EnrollmentId = opening.EnrollmentId,
    };

    /// <summary>Gives the case to <paramref name="agent"/>: a NEW case becomes ASSIGNED, an open one keeps its status.</summary>
    public void AssignTo(string agent, DateTime at)
    {
        if (!IsOpen)
        {
            throw CaseLifecycle.Refuse(this, "be assigned");
        }

        AssignedAgent = agent;
        if (Status == CaseStatus.New)
        {
            Status = CaseStatus.Assigned;
        }

        UpdatedAt = at;
    }

    /// <summary>Moves the case to <paramref name="status"/> when <see cref="CaseLifecycle"/> allows it.</summary>
    public void MoveTo(CaseStatus status, DateTime at)
    {
        CaseLifecycle.EnsureAllowed(this, status);
        if (status == CaseStatus.WaitingOnCustomer)
        {
            WaitedOnCustomer = true;
        }

        if (status == CaseStatus.Closed)
        {
            ClosedAt = at;
        }

        Status = status;
        UpdatedAt = at;
    }

    /// <summary>Resolves the case with <paramref name="code"/>, recording how long it took.</summary>
    public void Resolve(CaseResolutionCode code, DateTime at)
    {
        CaseLifecycle.EnsureAllowed(this, CaseStatus.Resolved);
        Status = CaseStatus.Resolved;
        ResolutionCode = code;
        ResolvedAt = at;
        HandlingMinutes = (int)Math.Round((at - OpenedAt).TotalMinutes);
        UpdatedAt = at;
    }

    /// <summary>Reopens a resolved or closed case within <see cref="CaseLifecycle.ReopenWindow"/> of its resolution; it gets a new SLA.</summary>
    public void Reopen(DateTime at)
    {
        CaseLifecycle.EnsureReopenable(this, at);
        Status = CaseStatus.InProgress;
        ResolvedAt = null;
        ClosedAt = null;
        ResolutionCode = null;
        HandlingMinutes = null;
        ReopenCount++;
        SlaDueAt = CaseServiceLevels.DueAt(Category, Priority, at);
        UpdatedAt = at;
    }
}
