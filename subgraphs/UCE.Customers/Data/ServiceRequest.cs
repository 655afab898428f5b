namespace UCE.Customers.Data;

/// <summary>A customer's request to start, stop or move service on a date, with the accounts it opens and closes.</summary>
public sealed class ServiceRequest
{
    public required string Id { get; set; }

    /// <summary>What the customer is told to quote (<c>SR-7K2M9QXA</c>); unique.</summary>
    public required string ConfirmationNumber { get; set; }

    public required string CustomerId { get; set; }

    public ServiceRequestKind Kind { get; set; }

    public ServiceRequestStatus Status { get; set; }

    /// <summary>The day service starts, stops or moves.</summary>
    public DateOnly ScheduledFor { get; set; }

    /// <summary>The account the request opens (start, move, onboarding).</summary>
    public string? OpenedAccountId { get; set; }

    /// <summary>The account the request closes (stop, move).</summary>
    public string? ClosedAccountId { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary>The subject that asked for it, when the gateway forwarded one.</summary>
    public string? RequestedBy { get; set; }
}

/// <summary>What a service request asks for.</summary>
public enum ServiceRequestKind
{
    Start,
    Stop,
    Move,
}

/// <summary>Where a service request stands: scheduled until its day, completed on it (at once when asked for today), or cancelled.</summary>
public enum ServiceRequestStatus
{
    Scheduled,
    Completed,
    Cancelled,
}
