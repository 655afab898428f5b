using UCE.Customers;
using UCE.Subgraphs.Hosting;

return await SubgraphHost.RunAsync(new CustomersSubgraph(), args);
