using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Engine.Tests.Supergraph;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>
/// A fixture supergraph (<c>tests/fixtures/supergraphs/&lt;case&gt;</c>) served end to end: one <see cref="DataSubgraph"/> per
/// subgraph SDL of the case with the JSON data the test gives, and a <see cref="FederatedGateway"/> with the real planner.
/// </summary>
public sealed class FixtureGraph : IDisposable
{
    public FixtureGraph(
        string fixture,
        IReadOnlyDictionary<string, string> dataBySubgraph,
        IReadOnlyDictionary<string, Func<IResolveFieldContext, object?>>? resolvers = null,
        GatewayOptions? options = null,
        Func<string, string>? editSupergraph = null)
    {
        var supergraphSdl = SupergraphFixtures.ReadSupergraph(fixture);
        Supergraph = SupergraphSchema.Parse(editSupergraph is null ? supergraphSdl : editSupergraph(supergraphSdl));
        var subgraphs = new List<DataSubgraph>();
        foreach (var info in Supergraph.Subgraphs)
        {
            var sdl = File.ReadAllText(Path.Combine(SupergraphFixtures.Directory, fixture, info.Name + ".graphql"));
            subgraphs.Add(new DataSubgraph(info.Name, sdl, dataBySubgraph.GetValueOrDefault(info.Name, "{}"), resolvers));
        }

        DataSubgraphs = subgraphs;
        Subgraphs = new InMemorySubgraphHandler([.. subgraphs]);
        options ??= new GatewayOptions();
        Engine = new FederatedGateway(Supergraph, new GatewayOptions
        {
            SubgraphHttpHandler = Subgraphs,
            SubgraphUrlOverrides = new Dictionary<string, Uri>(Subgraphs.Urls),
            SubgraphTimeout = options.SubgraphTimeout,
            EnableIntrospection = options.EnableIntrospection,
            DeduplicateInFlightQueries = options.DeduplicateInFlightQueries,
            PolicyEvaluator = options.PolicyEvaluator,
            PlanCacheSize = options.PlanCacheSize,
        });
    }

    public SupergraphSchema Supergraph { get; }

    public InMemorySubgraphHandler Subgraphs { get; }

    /// <summary>The subgraphs themselves, to serve them to another gateway too.</summary>
    public IReadOnlyList<DataSubgraph> DataSubgraphs { get; }

    public FederatedGateway Engine { get; }

    public async Task<JsonObject> RunAsync(string query, string? variablesJson = null, string? operationName = null, GatewayCaller? caller = null, bool includeQueryPlan = false)
    {
        var response = await Engine.ExecuteAsync(
            new GatewayRequest(query, operationName, variablesJson is null ? null : JsonDocument.Parse(variablesJson).RootElement, IncludeQueryPlan: includeQueryPlan, Caller: caller),
            CancellationToken.None);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            response.WriteTo(writer);
        }

        return JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray()))!.AsObject();
    }

    public void Dispose() => Engine.Dispose();
}
