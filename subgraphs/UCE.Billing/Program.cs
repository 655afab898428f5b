await UCE.Subgraphs.Hosting.SubgraphHost.RunAsync(new UCE.Billing.BillingSubgraph(), args);
