using System.Diagnostics;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Diagnostics;

/// <summary>How the subgraph warms up before it listens (configuration <c>Subgraph:WarmUp</c>).</summary>
/// <param name="Enabled">Whether it warms up at all (<c>Subgraph:WarmUp:Enabled</c>, default true).</param>
/// <param name="Timeout">The longest the start waits for it (<c>Subgraph:WarmUp:Timeout</c>, default 20 s); it then listens anyway.</param>
public sealed record SubgraphWarmUpOptions(bool Enabled, TimeSpan Timeout)
{
    public static SubgraphWarmUpOptions Read(IConfiguration configuration) => new(
        configuration.GetValue("Subgraph:WarmUp:Enabled", true),
        configuration.GetValue("Subgraph:WarmUp:Timeout", TimeSpan.FromSeconds(20)));
}

/// <summary>
/// Runs, before the host listens, the operations a gateway sends first: the schema (<c>_service</c>), the module's
/// <see cref="SubgraphModule.WarmUpQueries"/> and an entity fetch of every entity type by its key, through the same executer, resolvers, data loaders and database queries as a request.
/// A subgraph that listened cold answered its first requests after hundreds of milliseconds of compilation each, and a
/// gateway under load counted them as timeouts and opened its circuit for seconds; warmed, its first requests no longer pay
/// for compiling what the warm-up ran. The fetches ask for keys that exist nowhere, so nothing is read but the lookups' empty results, and
/// nothing is written (the agent access log is the HTTP endpoint's, which the warm-up does not go through).
/// </summary>
public sealed partial class SubgraphWarmUp(
    IDocumentExecuter<ISchema> executer,
    IServiceProvider services,
    SubgraphModule module,
    SubgraphWarmUpOptions options,
    ILogger<SubgraphWarmUp> logger) : IHostedService
{
    private static readonly CallerIdentity WarmUpCaller = new("uce-warm-up", CallerRole.Agent, null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The operations run at the last start, and how many of them answered with errors.</summary>
    public (int Operations, int WithErrors, TimeSpan Elapsed)? Result { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Timeout);
        var watch = Stopwatch.StartNew();
        var (operations, withErrors) = (0, 0);

        // Twice each: the first compiles, the second runs what a request will run. A failure is logged and counted; the
        // host starts all the same, as it would have without the warm-up.
        async Task WarmAsync(string what, string query, Inputs? variables)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                operations++;
                try
                {
                    if ((await RunAsync(query, variables, bounded.Token).ConfigureAwait(false)).Errors is { Count: > 0 } errors)
                    {
                        withErrors++;
                        LogWarmUpErrors(logger, module.Name, what, errors[0].Message);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    withErrors++;
                    LogWarmUpFailed(logger, module.Name, what, exception);
                }
            }
        }

        try
        {
            operations++;
            var schema = await RunAsync("{ _service { sdl } }", null, bounded.Token).ConfigureAwait(false);
            var data = (schema.Data as GraphQL.Execution.ExecutionNode)?.ToValue() as IDictionary<string, object?>;
            var sdl = data?["_service"] is IDictionary<string, object?> service ? service["sdl"] as string : null;
            foreach (var query in module.WarmUpQueries)
            {
                await WarmAsync(query, query, null).ConfigureAwait(false);
            }

            foreach (var (type, representation) in EntityKeys(sdl))
            {
                await WarmAsync(
                    type,
                    "query WarmUp($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
                    new Inputs(new Dictionary<string, object?>(StringComparer.Ordinal) { ["r"] = new object?[] { representation } })).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogWarmUpTimedOut(logger, module.Name, options.Timeout.TotalSeconds, operations);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The schema itself could not be read: nothing else to warm.
            withErrors++;
            LogWarmUpFailed(logger, module.Name, "_service", exception);
        }

        Result = (operations, withErrors, watch.Elapsed);
        LogWarmedUp(logger, module.Name, operations, watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<ExecutionResult> RunAsync(string query, Inputs? variables, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables,
            UserContext = new SubgraphUserContext(WarmUpCaller),
            RequestServices = scope.ServiceProvider,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    /// <summary>
    /// Each object type of <paramref name="sdl"/> (the subgraph's <c>_service { sdl }</c>) with a resolvable <c>@key</c> of
    /// plain fields, and a representation of it whose key fields hold a value no entity has.
    /// </summary>
    internal static IEnumerable<(string Type, Dictionary<string, object?> Representation)> EntityKeys(string? sdl)
    {
        if (sdl is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in KeyedType().Matches(sdl))
        {
            var type = match.Groups["type"].Value;
            var fields = match.Groups["fields"].Value;
            if (match.Value.Contains("resolvable: false", StringComparison.Ordinal) || fields.Contains('{', StringComparison.Ordinal) || !seen.Add(type))
            {
                continue;
            }

            var representation = new Dictionary<string, object?>(StringComparer.Ordinal) { ["__typename"] = type };
            foreach (var field in fields.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                representation[field] = "uce-warm-up";
            }

            yield return (type, representation);
        }
    }

    // type Customer @key(fields: "id") … — the first @key of each object type, up to the opening brace of its fields.
    [GeneratedRegex("""(?m)^(?:extend )?type (?<type>\w+)[^{\n]*?@key\(fields: "(?<fields>[^"]+)"[^)]*\)""")]
    private static partial Regex KeyedType();

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up {Subgraph}: {Operations} operations in {Elapsed} ms")]
    private static partial void LogWarmedUp(ILogger logger, string subgraph, int operations, long elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Subgraph} warm-up stopped after {Seconds} s ({Operations} operations run); listening anyway")]
    private static partial void LogWarmUpTimedOut(ILogger logger, string subgraph, double seconds, int operations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Subgraph} warm-up of {What} failed; starting all the same")]
    private static partial void LogWarmUpFailed(ILogger logger, string subgraph, string what, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Subgraph} warm-up of {What} answered an error: {Message}")]
    private static partial void LogWarmUpErrors(ILogger logger, string subgraph, string what, string message);
}
