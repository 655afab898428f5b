namespace UCE.Gateway.Configuration;

/// <summary>The command-line verbs that do not start the gateway: <c>--help</c> and <c>compose</c>.</summary>
public static class GatewayCommands
{
    /// <summary>Runs the verb and returns the process exit code.</summary>
    public static async Task<int> RunAsync(GatewayCommandLine commandLine, TextWriter output, TextWriter error)
    {
        if (commandLine.IsCompose)
        {
            await error.WriteLineAsync("compose: this build has no composition library entry point; compose with tests/tools/apollo/compose.mjs.");
            return 2;
        }

        await output.WriteLineAsync(GatewayCommandLine.Usage);
        return 0;
    }
}
