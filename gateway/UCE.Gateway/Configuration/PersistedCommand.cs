using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Persisted;
using UCE.Gateway.RateLimiting;

namespace UCE.Gateway.Configuration;

/// <summary>
/// <c>persisted push FILE --client NAME</c>: checks every document of a manifest against the current API schema and the
/// operation limits, refuses the whole manifest when any fails (listing every reason), and otherwise stores it as the
/// client's next version: in Redis when <c>ConnectionStrings:Redis</c> is set (every gateway serves it at once), else as
/// the client's file in the manifest folder (which the embedded default reads).
/// </summary>
public static class PersistedCommand
{
    public const int Stored = 0;
    public const int Refused = 1;
    public const int UsageError = 2;

    public const string Usage = """
        usage: persisted push FILE --client NAME [--supergraph FILE] [--role ROLE] [--Gateway:<Option>=<value>]...
          FILE               a manifest: Apollo's persisted-query manifest or Relay's map of id to document
          --client NAME      the client the documents are for (its tokens' client_id, or a client with API keys)
          --supergraph FILE  the supergraph to check against (default: Gateway:SupergraphPath, else schema/supergraph.graphql)
          --role ROLE        the role the client's tokens carry: Gateway:RoleLimits:ROLE apply on top of Gateway:Limits
        Stores the manifest as the client's next version in Redis (ConnectionStrings:Redis), or without Redis as
        <client>.json in the manifest folder (Gateway:PersistedDocuments:Directory, default schema/persisted).
        """;

    /// <summary>Runs <c>persisted …</c> (<paramref name="args"/> without the word <c>persisted</c>) and returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse(args, error) is not { } push)
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var configuration = CommandConfiguration.Build(push.HostArguments);
        var host = configuration.GetSection(GatewayHostOptions.SectionName).Get<GatewayHostOptions>() ?? new GatewayHostOptions();
        var supergraphPath = push.Supergraph ?? host.SupergraphPath ?? SupergraphFileLocator.Find();
        if (supergraphPath is null || !File.Exists(supergraphPath))
        {
            await error.WriteLineAsync($"persisted push: no supergraph at {supergraphPath ?? SupergraphFileLocator.RelativePath}; pass --supergraph FILE");
            return UsageError;
        }

        PersistedManifest? manifest;
        IReadOnlyList<string> problems;
        try
        {
            (manifest, problems) = PersistedManifest.Read(await File.ReadAllTextAsync(push.File));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"persisted push: cannot read {push.File}: {exception.Message}");
            return Refused;
        }

        if (manifest is not null)
        {
            var limits = new OperationLimits().With(host.Limits);
            if (push.Role is not null && host.RoleLimits.TryGetValue(push.Role, out var roleLimits))
            {
                limits = limits.With(roleLimits);
            }

            var checker = new DocumentChecker(SupergraphSchema.Parse(await File.ReadAllTextAsync(supergraphPath)), limits);
            problems = await new PersistedManifestCheck(checker).CheckAsync(manifest.Documents);
        }

        if (manifest is null || problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            await error.WriteLineAsync($"persisted push: {push.File} refused ({problems.Count} problem(s)); nothing was stored for client {push.Client}");
            return Refused;
        }

        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            await using var connection = RateLimitingServiceCollectionExtensions.ConnectRedis(redis);
            var persisted = configuration.GetSection(PersistedDocumentOptions.SectionName).Get<PersistedDocumentOptions>() ?? new PersistedDocumentOptions();
            var version = await new RedisPersistedDocumentStore(connection, persisted.RedisKeyPrefix).PublishAsync(push.Client, manifest.Documents, CancellationToken.None);
            await output.WriteLineAsync($"persisted push: stored {manifest.Documents.Count} documents for client {push.Client} as version {version} (checked against {supergraphPath})");
            return Stored;
        }

        var directory = PersistedManifestDirectory.Locate(configuration[$"{PersistedDocumentOptions.SectionName}:{nameof(PersistedDocumentOptions.Directory)}"])
            ?? Path.GetFullPath(PersistedManifestDirectory.RelativePath);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, push.Client + ".json");
        var temporary = target + ".tmp";
        await File.WriteAllTextAsync(temporary, manifest.ToApolloJson());
        File.Move(temporary, target, overwrite: true);
        await output.WriteLineAsync($"persisted push: no Redis configured; wrote {manifest.Documents.Count} documents for client {push.Client} to {target} (checked against {supergraphPath})");
        return Stored;
    }

    private sealed record Push(string File, string Client, string? Supergraph, string? Role, IReadOnlyList<string> HostArguments);

    private static Push? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        if (args.Count == 0 || args[0] != "push")
        {
            error.WriteLine(args.Count == 0 ? "persisted: which command? (push)" : $"persisted: unknown command '{args[0]}'");
            return null;
        }

        string? file = null, client = null, supergraph = null, role = null;
        var host = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var argument = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (argument)
            {
                case "--client":
                    client = Value();
                    break;
                case "--supergraph":
                    supergraph = Value();
                    break;
                case "--role":
                    role = Value();
                    break;
                default:
                    if (argument.StartsWith("--", StringComparison.Ordinal) && argument.Contains(':', StringComparison.Ordinal))
                    {
                        host.Add(argument);
                    }
                    else if (!argument.StartsWith("--", StringComparison.Ordinal) && file is null)
                    {
                        file = argument;
                    }
                    else
                    {
                        error.WriteLine($"persisted push: unknown or incomplete option '{argument}'");
                        return null;
                    }

                    break;
            }
        }

        if (file is null || client is null)
        {
            error.WriteLine("persisted push: FILE and --client NAME are required");
            return null;
        }

        if (!PersistedClientNames.IsValid(client))
        {
            error.WriteLine($"persisted push: '{client}' is not a client name (letters, digits, '.', '_' and '-')");
            return null;
        }

        return new Push(file, client, supergraph, role, host);
    }
}
