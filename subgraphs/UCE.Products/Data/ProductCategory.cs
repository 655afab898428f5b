namespace UCE.Products.Data;

/// <summary>The families of the advanced energy solutions catalogue.</summary>
public enum ProductCategory
{
    EvCharger,
    SmartThermostat,
    RooftopSolar,
    HomeBattery,
    HomeWarranty,
}
