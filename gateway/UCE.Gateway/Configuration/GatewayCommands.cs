using UCE.Gateway.Composition;

namespace UCE.Gateway.Configuration;

/// <summary>The command-line verbs that do not start the gateway: <c>--help</c>, <c>compose</c> and <c>token</c>.</summary>
public static class GatewayCommands
{
    /// <summary>Runs the verb and returns the process exit code.</summary>
    public static async Task<int> RunAsync(GatewayCommandLine commandLine, TextWriter output, TextWriter error)
    {
        if (commandLine.IsCompose)
        {
            return await ComposeCommand.RunAsync([.. commandLine.ComposeArguments], output, error);
        }

        if (commandLine.Token is { } token)
        {
            return await TokenCommand.RunAsync(token, commandLine.HostArguments, output, error);
        }

        await output.WriteLineAsync(GatewayCommandLine.Usage);
        return 0;
    }
}
