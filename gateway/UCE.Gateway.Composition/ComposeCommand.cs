using UCE.Gateway.Composition.Checking;
using UCE.Gateway.Composition.Configuration;

namespace UCE.Gateway.Composition;

/// <summary>
/// The <c>compose</c> command: composes the subgraphs named by a Rover <c>supergraph.yaml</c> into a
/// supergraph file, or with <c>--check</c> verifies the committed file and lists API schema changes.
/// </summary>
public static class ComposeCommand
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private const string Usage = """
        usage: compose [--config FILE] [--out FILE] [--check] [--against FILE]
          --config FILE   Rover supergraph.yaml (default: schema/supergraph.yaml of the repository)
          --out FILE      supergraph to write or check (default: schema/supergraph.graphql of the repository)
          --check         do not write; fail when FILE is not what composing the config gives, and list
                          the API schema changes between FILE and the new composition
        Either way the command fails when the new composition would break a trusted document
        (schema/persisted/*.json, and the manifests in Redis when ConnectionStrings:Redis is set).
          --against FILE  with or without --check: list the API schema changes from this supergraph to
                          the new composition and fail on breaking ones
        """;

    /// <summary>Runs the command; <paramref name="args"/> may start with the word <c>compose</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where failures go.</param>
    /// <param name="checks">Further checks of the new composition (trusted documents that must stay valid): each runs on every
    /// successful composition, with or without <c>--check</c>, and the command fails when one does.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyList<IComposedSupergraphCheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = ParseOptions(args.SkipWhile(a => a == "compose").ToArray(), stderr);
        if (options is null)
        {
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return UsageError;
        }

        if (options.Help)
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return Success;
        }

        string configPath;
        string outPath;
        if (options.Config is null || options.Out is null)
        {
            var root = FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? FindRepositoryRoot(AppContext.BaseDirectory);
            if (root is null && (options.Config is null || options.Out is null))
            {
                await stderr.WriteLineAsync("compose: UCE.Graph.sln not found above the current directory; pass --config and --out").ConfigureAwait(false);
                return UsageError;
            }

            configPath = options.Config ?? Path.Combine(root!, "schema", "supergraph.yaml");
            outPath = options.Out ?? Path.Combine(root!, "schema", "supergraph.graphql");
        }
        else
        {
            configPath = options.Config;
            outPath = options.Out;
        }

        IReadOnlyList<SubgraphDefinition> subgraphs;
        try
        {
            subgraphs = await RoverConfig.Load(configPath).LoadSubgraphsAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or IOException or HttpRequestException or UnauthorizedAccessException or System.Text.Json.JsonException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"compose: cannot load {configPath}: {e.Message}").ConfigureAwait(false);
            return Failed;
        }

        var result = SupergraphComposer.Compose(subgraphs);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync($"compose: {result.Errors.Count} composition error(s)").ConfigureAwait(false);
            return Failed;
        }

        // Hints are Apollo's warnings: worth reading, never a failure.
        foreach (var hint in result.Hints)
        {
            await stderr.WriteLineAsync("hint " + hint).ConfigureAwait(false);
        }

        var composed = result.SupergraphSdl!;
        var exitCode = Success;
        if (options.Against is not null)
        {
            exitCode = await ReportChangesAsync(options.Against, composed, failOnBreaking: true, stdout, stderr).ConfigureAwait(false);
        }

        foreach (var check in checks ?? [])
        {
            if (!await check.CheckAsync(composed, stdout, stderr).ConfigureAwait(false))
            {
                exitCode = Failed;
            }
        }

        if (options.Check)
        {
            if (!File.Exists(outPath))
            {
                await stderr.WriteLineAsync($"compose --check: {outPath} does not exist; run compose to create it").ConfigureAwait(false);
                return Failed;
            }

            var committed = await File.ReadAllTextAsync(outPath).ConfigureAwait(false);
            if (Normalize(committed) == Normalize(composed))
            {
                await stdout.WriteLineAsync($"compose --check: {outPath} is up to date ({subgraphs.Count} subgraphs)").ConfigureAwait(false);
                return exitCode;
            }

            await stderr.WriteLineAsync($"compose --check: {outPath} is not what composing {configPath} gives; run compose and commit the result").ConfigureAwait(false);
            await ReportChangesAsync(outPath, composed, failOnBreaking: false, stdout, stderr).ConfigureAwait(false);
            return Failed;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(outPath, composed).ConfigureAwait(false);
        await stdout.WriteLineAsync($"compose: wrote {outPath} from {subgraphs.Count} subgraphs").ConfigureAwait(false);
        return exitCode;
    }

    private static string Normalize(string sdl) => sdl.ReplaceLineEndings("\n").TrimEnd('\n');

    private static async Task<int> ReportChangesAsync(string previousPath, string composed, bool failOnBreaking, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<SchemaChange> changes;
        try
        {
            var previous = ApiSchema.FromSupergraph(await File.ReadAllTextAsync(previousPath).ConfigureAwait(false));
            changes = SchemaChangeDetector.Compare(previous, ApiSchema.FromSupergraph(composed));
        }
        catch (Exception e) when (e is IOException or GraphQLParser.Exceptions.GraphQLParserException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"compose: cannot read {previousPath} as a supergraph: {e.Message}").ConfigureAwait(false);
            return Failed;
        }

        var breaking = changes.Count(c => c.IsBreaking);
        await stdout.WriteLineAsync($"API schema changes from {previousPath}: {breaking} breaking, {changes.Count - breaking} safe").ConfigureAwait(false);
        foreach (var change in changes)
        {
            await stdout.WriteLineAsync("  " + change).ConfigureAwait(false);
        }

        return failOnBreaking && breaking > 0 ? Failed : Success;
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> holding UCE.Graph.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "UCE.Graph.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }

    private sealed record Options(string? Config, string? Out, bool Check, string? Against, bool Help);

    private static Options? ParseOptions(string[] args, TextWriter stderr)
    {
        string? config = null, output = null, against = null;
        bool check = false, help = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--against" when i + 1 < args.Length:
                    against = args[++i];
                    break;
                case "--check":
                    check = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    stderr.WriteLine($"compose: unknown or incomplete option '{args[i]}'");
                    return null;
            }
        }

        return new Options(config, output, check, against, help);
    }
}
