using UCE.Service;
using UCE.Subgraphs.Hosting;

await SubgraphHost.RunAsync(new ServiceSubgraph(), args);
