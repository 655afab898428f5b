namespace UCE.Usage.Data;

/// <summary>The meter at a service location, its tariff and how far its reads go.</summary>
public sealed class Meter
{
    public string Id { get; set; } = "";

    public string LocationId { get; set; } = "";

    /// <summary>The customer served at the location, whose usage this is.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Energy price used for cost estimates, per kWh.</summary>
    public decimal RatePerKwh { get; set; }

    public string Currency { get; set; } = "USD";

    /// <summary>The last day (UTC) for which the meter has a complete daily read.</summary>
    public DateOnly ReadThrough { get; set; }

    /// <summary>The energy price a meter of a commercial or a residential customer is billed at, per kWh.</summary>
    public static decimal TariffPerKwh(bool commercial) => commercial ? 0.13200m : 0.15400m;
}
