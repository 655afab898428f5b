using UCE.Billing;
using UCE.Communications;
using UCE.Customers;
using UCE.Outages;
using UCE.Products;
using UCE.Service;
using UCE.Subgraphs.Hosting;
using UCE.Usage;

namespace UCE.Gateway.Embedded;

/// <summary>The UCE subgraphs the embedded default hosts.</summary>
public static class EmbeddedSubgraphCatalog
{
    /// <summary>One module instance per subgraph, in port order.</summary>
    public static IReadOnlyList<SubgraphModule> Modules { get; } =
    [
        new CustomersSubgraph(),
        new BillingSubgraph(),
        new UsageSubgraph(),
        new OutagesSubgraph(),
        new ProductsSubgraph(),
        new CommunicationsSubgraph(),
        new ServiceSubgraph(),
    ];
}
