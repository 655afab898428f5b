using UCE.Outages;
using UCE.Subgraphs.Hosting;

await SubgraphHost.RunAsync(new OutagesSubgraph(), args);
