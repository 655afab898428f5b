using UCE.Billing;
using UCE.Communications;
using UCE.Customers;
using UCE.Outages;
using UCE.Products;
using UCE.Service;
using UCE.Subgraphs.Hosting;
using UCE.Usage;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>The seven subgraph modules by name, for tests that run the same check on each.</summary>
public static class SubgraphModules
{
    /// <summary>The seven names, as theory data.</summary>
    public static TheoryData<string> Names() => new("customers", "billing", "usage", "outages", "products", "communications", "service");

    /// <summary>A new module of the subgraph called <paramref name="name"/>.</summary>
    public static SubgraphModule Named(string name) => name switch
    {
        "customers" => new CustomersSubgraph(),
        "billing" => new BillingSubgraph(),
        "usage" => new UsageSubgraph(),
        "outages" => new OutagesSubgraph(),
        "products" => new ProductsSubgraph(),
        "communications" => new CommunicationsSubgraph(),
        "service" => new ServiceSubgraph(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
