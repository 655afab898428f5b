namespace UCE.Outages.Data;

/// <summary>Where a service location hangs on the grid: the feeder that supplies it and the operating area of that feeder.</summary>
public sealed class GridConnection
{
    public required string LocationId { get; init; }

    /// <summary>The customer served at the location; outage reports and the location's outages are theirs.</summary>
    public required string CustomerId { get; init; }

    public required string FeederName { get; init; }

    public required string AreaName { get; init; }
}
