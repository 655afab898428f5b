await UCE.Subgraphs.Hosting.SubgraphHost.RunAsync(new UCE.Usage.UsageSubgraph(), args);
