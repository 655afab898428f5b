namespace UCE.Outages.Data;

/// <summary>Where a service location hangs on the grid: the feeder that supplies it and the operating area of that feeder.</summary>
public sealed class GridConnection
{
    public required string LocationId { get; init; }

    public required string FeederName { get; init; }

    public required string AreaName { get; init; }
}
