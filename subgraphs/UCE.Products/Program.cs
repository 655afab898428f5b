using UCE.Products;
using UCE.Subgraphs.Hosting;

await SubgraphHost.RunAsync(new ProductsSubgraph(), args);
