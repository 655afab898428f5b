using UCE.Gateway.Configuration;
using UCE.Gateway.Embedded;
using UCE.Gateway.Extensions;

if (GatewayCommandLine.ParseOrExplain(args, Console.Error) is not { } commandLine)
{
    return 2;
}

if (commandLine.ShowUsage || commandLine.IsCompose || commandLine.IsPersisted || commandLine.Token is not null)
{
    return await GatewayCommands.RunAsync(commandLine, Console.Out, Console.Error);
}

await using var app = GatewayWebApplication.Build(commandLine);
await using var subgraphs = await EmbeddedDefault.StartIfNoSupergraphAsync(app, commandLine, app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;
