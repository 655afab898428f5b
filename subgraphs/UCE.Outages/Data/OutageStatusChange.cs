namespace UCE.Outages.Data;

/// <summary>One step of an outage's status history.</summary>
public sealed class OutageStatusChange
{
    public long Id { get; init; }

    public required string OutageId { get; init; }

    public OutageStatus Status { get; init; }

    public DateTime At { get; init; }

    /// <summary>The subject that made the change (a customer, an agent, a grid system).</summary>
    public string? ChangedBy { get; init; }

    public string? Note { get; init; }
}
