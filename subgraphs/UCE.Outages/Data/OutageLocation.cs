namespace UCE.Outages.Data;

/// <summary>A service location that lost supply in an outage.</summary>
public sealed class OutageLocation
{
    public required string OutageId { get; init; }

    public required string LocationId { get; init; }
}
