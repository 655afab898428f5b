using System.Diagnostics;
using System.Text.Json;
using GraphQLParser;
using GraphQLParser.AST;
using System.Text.RegularExpressions;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Bench;

/// <summary>
/// The planning cost of one operation: a cold plan (the planner from scratch, as on a plan-cache miss)
/// and a cached one (the engine's plan-cache lookup by document and operation name, as on every later request);
/// and the operation limits' cost: measuring the document (once per document) and the per-request check;
/// and the authorization filter's cost over the same supergraph with <c>@requiresScopes</c> on the fields the
/// customer 360 query reads most (<see cref="Protect"/>), for a caller with every scope and for one with none.
/// </summary>
public static class PlanningCost
{
    public static int Run(BenchArguments arguments)
    {
        var supergraph = SupergraphSchema.Parse(File.ReadAllText(arguments.Required("supergraph")));
        var query = File.ReadAllText(arguments.Required("query"));
        var operationName = arguments.Optional("operation");
        var iterations = arguments.Int("iterations", 2000);
        var planner = new QueryPlanner(supergraph);
        var document = Parser.Parse(query);

        // Warm-up: JIT and first-use costs belong to neither figure.
        for (var i = 0; i < 200; i++)
        {
            planner.Plan(Parser.Parse(query), operationName);
        }

        var cold = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            planner.Plan(document, operationName);
        }

        cold.Stop();

        var cache = new BoundedCache<(string Query, string? OperationName), QueryPlan>(2048);
        cache.Set((query, operationName), planner.Plan(document, operationName));
        // A fresh string with equal content, as each request body yields one.
        var keys = Enumerable.Range(0, 64).Select(_ => new string(query.AsSpan())).ToArray();
        var hits = 0;
        var cached = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 10; i++)
        {
            if (cache.TryGet((keys[i % keys.Length], operationName), out _))
            {
                hits++;
            }
        }

        cached.Stop();
        var parse = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            Parser.Parse(query);
        }

        parse.Stop();

        var api = new ApiSchemaIndex(supergraph.ApiSchema);
        var limits = new OperationLimits();
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>()
            .First(candidate => operationName is null || candidate.Name?.StringValue == operationName);
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(fragment => fragment.FragmentName.Name.StringValue);
        var measures = new Dictionary<GraphQLOperationDefinition, OperationMeasure>();
        var measuring = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            measures[operation] = new OperationMeasurer(api, fragments, limits, variables: null).Measure(operation);
        }

        measuring.Stop();
        var tokens = TokenCounter.Count(query, limits.MaxTokens ?? int.MaxValue);
        var withinLimits = 0;
        var checking = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 10; i++)
        {
            // What every request of a cached document does: look its operation's measure up and compare.
            if (OperationLimitCheck.FirstExceeded(measures[operation], tokens, limits) is null)
            {
                withinLimits++;
            }
        }

        checking.Stop();

        var (guardMicroseconds, fullRightsMicroseconds, restrictedMicroseconds, guards) = AuthorizationCost(File.ReadAllText(arguments.Required("supergraph")), query, operationName, iterations);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            iterations,
            coldPlanMicroseconds = Math.Round(cold.Elapsed.TotalMicroseconds / iterations, 2),
            cachedPlanMicroseconds = Math.Round(cached.Elapsed.TotalMicroseconds / (iterations * 10), 3),
            parseMicroseconds = Math.Round(parse.Elapsed.TotalMicroseconds / iterations, 2),
            cacheHits = hits,
            measureMicroseconds = Math.Round(measuring.Elapsed.TotalMicroseconds / iterations, 2),
            limitCheckMicroseconds = Math.Round(checking.Elapsed.TotalMicroseconds / (iterations * 10), 3),
            cost = measures[operation].Cost,
            protectedSelections = guards,
            authorizationGuardsPerDocumentMicroseconds = guardMicroseconds,
            authorizationFullRightsMicroseconds = fullRightsMicroseconds,
            authorizationRestrictedMicroseconds = restrictedMicroseconds,
            printedPlan = QueryPlanPrinter.Print(planner.Plan(document, operationName)),
        }));
        return hits == iterations * 10 && withinLimits == iterations * 10 ? 0 : 1;
    }

    private static (double Guards, double FullRights, double Restricted, int Count) AuthorizationCost(string supergraphSdl, string query, string? operationName, int iterations)
    {
        var supergraph = SupergraphSchema.Parse(Protect(supergraphSdl));
        var filter = new AuthorizationFilter(AuthorizationRules.For(supergraph)!, RolePolicyEvaluator.Instance);
        var prepared = new PreparedDocument(Parser.Parse(query));
        var operation = prepared.FindOperation(operationName, out _)!;
        var fullRights = new GatewayCaller("agent", true, new HashSet<string>(["customer:read", "billing:read"], StringComparer.Ordinal));
        var none = new GatewayCaller("customer", true, new HashSet<string>(StringComparer.Ordinal));
        for (var i = 0; i < 200; i++)
        {
            filter.Apply(new PreparedDocument(prepared.Document).Authorization, operation, prepared.Fragments, fullRights);
            filter.Apply(prepared.Authorization, operation, prepared.Fragments, none);
        }

        var guarding = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            // Once per document: finding the protected selections (the first request of a cached document).
            filter.Apply(new AuthorizationState(), operation, prepared.Fragments, fullRights);
        }

        guarding.Stop();
        var state = prepared.Authorization;
        var allowed = 0;
        var full = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 10; i++)
        {
            if (!filter.Apply(state, operation, prepared.Fragments, fullRights).RemovesAnything)
            {
                allowed++;
            }
        }

        full.Stop();
        var restricted = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 10; i++)
        {
            filter.Apply(state, operation, prepared.Fragments, none);
        }

        restricted.Stop();
        if (allowed != iterations * 10)
        {
            throw new InvalidOperationException("The full-rights caller lost selections.");
        }

        return (
            Math.Round(guarding.Elapsed.TotalMicroseconds / iterations, 2),
            Math.Round(full.Elapsed.TotalMicroseconds / (iterations * 10), 3),
            Math.Round(restricted.Elapsed.TotalMicroseconds / (iterations * 10), 3),
            state.Guarded[operation].Guards.Count);
    }

    /// <summary>
    /// The supergraph with <c>@requiresScopes</c> on the personal and billing fields written on one line (the
    /// repository's supergraph has no rules yet); fields whose arguments span lines stay open.
    /// </summary>
    internal static string Protect(string supergraphSdl)
    {
        var linked = supergraphSdl.Replace(
            "for: EXECUTION)",
            "for: EXECUTION)\n  @link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)",
            StringComparison.Ordinal);
        var applied = Regex.Replace(
            linked,
            @"^(  (email|balance|bills|currentOutage|outageHistory|offers|notifications|usageSummary)\b[^\n]*[^(\n])$",
            "$1 @requiresScopes(scopes: [[\"customer:read\"], [\"billing:read\", \"customer:read\"]])",
            RegexOptions.Multiline);
        return applied
            + "\n\ndirective @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM"
            + "\n\nscalar requiresScopes__Scope";
    }
}
