using UCE.Communications;
using UCE.Subgraphs.Hosting;

await SubgraphHost.RunAsync(new CommunicationsSubgraph(), args);
