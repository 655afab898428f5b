namespace UCE.Products.Data;

/// <summary>The advanced energy solutions the utility sells, as seeded into every products database.</summary>
public static class ProductCatalogue
{
    /// <summary>New instances of every catalogue product (each context tracks its own).</summary>
    public static IReadOnlyList<Product> Create() =>
    [
        new()
        {
            Id = "prd-ev-charger-l2",
            Name = "Level 2 Home EV Charger (7.6 kW)",
            Category = ProductCategory.EvCharger,
            Description = "A wall-mounted 240 V charger that adds about 30 miles of range per hour.",
            PriceCents = 89_900,
            Currency = "USD",
            PriceBasis = PriceBasis.OneTime,
            Terms = "Includes standard installation up to 25 ft from the main panel and a 3-year hardware warranty.",
            RequiresInstallation = true,
        },
        new()
        {
            Id = "prd-ev-smart-charging",
            Name = "Smart EV Charging Plan",
            Category = ProductCategory.EvCharger,
            Description = "Schedules charging into off-peak hours automatically.",
            PriceCents = 1_299,
            Currency = "USD",
            PriceBasis = PriceBasis.Monthly,
            Terms = "Billed monthly on the utility bill; cancel at any time.",
        },
        new()
        {
            Id = "prd-smart-thermostat",
            Name = "Smart Thermostat",
            Category = ProductCategory.SmartThermostat,
            Description = "A learning thermostat that trims heating and cooling while you are away.",
            PriceCents = 14_900,
            Currency = "USD",
            PriceBasis = PriceBasis.OneTime,
            Terms = "Shipped for self-installation; 30-day return window.",
        },
        new()
        {
            Id = "prd-thermostat-rewards",
            Name = "Thermostat Rewards",
            Category = ProductCategory.SmartThermostat,
            Description = "Lets the utility nudge your thermostat on peak days in exchange for bill credits.",
            PriceCents = 0,
            Currency = "USD",
            PriceBasis = PriceBasis.Monthly,
            Terms = "A 12-month season; a bill credit for each peak event you take part in.",
            TermMonths = 12,
        },
        new()
        {
            Id = "prd-rooftop-solar-lease",
            Name = "Rooftop Solar Lease (6 kW)",
            Category = ProductCategory.RooftopSolar,
            Description = "Panels installed and maintained by the utility, with a fixed monthly payment.",
            PriceCents = 8_900,
            Currency = "USD",
            PriceBasis = PriceBasis.Monthly,
            Terms = "A 20-year lease including monitoring, maintenance and a production guarantee.",
            TermMonths = 240,
            RequiresInstallation = true,
        },
        new()
        {
            Id = "prd-home-battery",
            Name = "Home Battery (13.5 kWh)",
            Category = ProductCategory.HomeBattery,
            Description = "Stores solar or off-peak energy and keeps essential circuits on during outages.",
            PriceCents = 1_150_000,
            Currency = "USD",
            PriceBasis = PriceBasis.OneTime,
            Terms = "Installation, permitting and a 10-year warranty included.",
            RequiresInstallation = true,
        },
        new()
        {
            Id = "prd-home-warranty-essential",
            Name = "Home Systems Warranty: Essential",
            Category = ProductCategory.HomeWarranty,
            Description = "Covers repairs of heating, cooling and water heating systems.",
            PriceCents = 1_499,
            Currency = "USD",
            PriceBasis = PriceBasis.Monthly,
            Terms = "A 12-month plan renewing yearly; a $75 service fee per visit.",
            TermMonths = 12,
        },
        new()
        {
            Id = "prd-home-warranty-complete",
            Name = "Home Systems Warranty: Complete",
            Category = ProductCategory.HomeWarranty,
            Description = "Essential coverage plus electrical wiring, plumbing and major appliances.",
            PriceCents = 2_999,
            Currency = "USD",
            PriceBasis = PriceBasis.Monthly,
            Terms = "A 12-month plan renewing yearly; no service fee.",
            TermMonths = 12,
        },
    ];
}
