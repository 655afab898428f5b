using UCE.Service;
using UCE.Service.Knowledge.Seed;
using UCE.Subgraphs.Hosting;

return await KnowledgeGeneratorCommand.TryRunAsync(new ServiceSubgraph(), args)
    ?? await SubgraphHost.RunAsync(new ServiceSubgraph(), args);
