using UCE.Gateway.Composition;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Persisted;
using UCE.Gateway.RateLimiting;

namespace UCE.Gateway.Configuration;

/// <summary>The command-line verbs that do not start the gateway: <c>--help</c>, <c>compose</c>, <c>persisted</c> and <c>token</c>.</summary>
public static class GatewayCommands
{
    /// <summary>Runs the verb and returns the process exit code.</summary>
    public static async Task<int> RunAsync(GatewayCommandLine commandLine, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.IsCompose)
        {
            return await ComposeAsync(commandLine.ComposeArguments, output, error);
        }

        if (commandLine.IsPersisted)
        {
            return await PersistedCommand.RunAsync(commandLine.PersistedArguments, output, error);
        }

        if (commandLine.Token is { } token)
        {
            return await TokenCommand.RunAsync(token, commandLine.HostArguments, output, error);
        }

        await output.WriteLineAsync(GatewayCommandLine.Usage);
        return 0;
    }

    /// <summary>
    /// <c>compose</c>, which also checks that the new composition keeps every trusted document valid: the manifest folder's
    /// (<c>Gateway:PersistedDocuments:Directory</c>, default <c>schema/persisted</c>) and, with <c>ConnectionStrings:Redis</c>
    /// set, the manifests pushed to Redis.
    /// </summary>
    private static async Task<int> ComposeAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var configuration = CommandConfiguration.Build([]);
        var host = configuration.GetSection(GatewayHostOptions.SectionName).Get<GatewayHostOptions>() ?? new GatewayHostOptions();
        var directory = PersistedManifestDirectory.Locate(configuration[$"{PersistedDocumentOptions.SectionName}:{nameof(PersistedDocumentOptions.Directory)}"]);
        var redis = configuration.GetConnectionString("Redis");
        await using var connection = string.IsNullOrWhiteSpace(redis) ? null : RateLimitingServiceCollectionExtensions.ConnectRedis(redis);
        var persisted = configuration.GetSection(PersistedDocumentOptions.SectionName).Get<PersistedDocumentOptions>() ?? new PersistedDocumentOptions();
        var store = connection is null ? null : new RedisPersistedDocumentStore(connection, persisted.RedisKeyPrefix);
        var check = new PersistedComposeCheck(directory, store, new OperationLimits().With(host.Limits));
        return await ComposeCommand.RunAsync([.. arguments], output, error, [check]);
    }
}
