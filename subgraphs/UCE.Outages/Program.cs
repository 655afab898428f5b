using UCE.Outages;
using UCE.Outages.Simulation;
using UCE.Subgraphs.Hosting;

if (args is [SimulateGridCommand.Name, .. var simulation])
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    return await SimulateGridCommand.RunAsync(simulation, Console.Out, Console.Error, stop.Token);
}

return await SubgraphHost.RunAsync(new OutagesSubgraph(), args);
