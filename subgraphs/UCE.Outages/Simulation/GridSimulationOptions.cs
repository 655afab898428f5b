namespace UCE.Outages.Simulation;

/// <summary>What <c>simulate-grid</c> publishes: how many outages, over how long, on which locations.</summary>
public sealed record GridSimulationOptions
{
    /// <summary>Outages to simulate (default 5; 300 in a storm).</summary>
    public int Outages { get; init; } = 5;

    /// <summary>How long the whole run lasts; every outage is detected and restored within it.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The service locations that exist (<c>loc-000001</c> … ), ten to a feeder as in the demo set and the generator.</summary>
    public int Locations { get; init; } = Subgraphs.Hosting.Demo.DemoGraph.DemoCustomerCount;

    /// <summary>A storm: detections bunch up early, outages spread to neighbouring feeders, estimates slip more often.</summary>
    public bool Storm { get; init; }

    /// <summary>The random seed; the same seed gives the same timeline.</summary>
    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Tells runs apart in outage and event ids.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];
}
