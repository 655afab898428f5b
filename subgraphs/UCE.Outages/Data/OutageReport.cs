namespace UCE.Outages.Data;

/// <summary>Someone told the utility that a service location has no power.</summary>
public sealed class OutageReport
{
    public required string Id { get; init; }

    public required string OutageId { get; init; }

    public required string LocationId { get; init; }

    /// <summary>The authenticated subject that reported, when known.</summary>
    public string? ReportedBy { get; init; }

    /// <summary>The customer who reported, when a customer did.</summary>
    public string? CustomerId { get; init; }

    /// <summary>How to reach the reporter (a phone number or an e-mail address); required when nobody signed in reported.</summary>
    public string? Contact { get; init; }

    public DateTime ReportedAt { get; init; }

    public required string Description { get; init; }
}
