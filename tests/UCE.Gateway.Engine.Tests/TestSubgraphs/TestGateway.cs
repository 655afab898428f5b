using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>A <see cref="FederatedGateway"/> over in-memory subgraphs whose plans the test gives by query text.</summary>
public sealed class TestGateway : IDisposable
{
    private readonly Dictionary<string, QueryPlan> _plans = new(StringComparer.Ordinal);

    public TestGateway(string apiSdl, InMemorySubgraphHandler subgraphs, GatewayOptions? options = null)
    {
        Subgraphs = subgraphs;
        var baseOptions = options ?? new GatewayOptions();
        Engine = new FederatedGateway(
            Schema.For(apiSdl),
            subgraphs.Urls,
            (document, operationName) =>
            {
                PlanCalls++;
                var text = document.Source.ToString();
                return _plans.TryGetValue(text, out var plan) ? plan : throw new InvalidOperationException("No plan given for this query.");
            },
            plan => plan.ToString(),
            new GatewayOptions
            {
                SubgraphHttpHandler = subgraphs,
                SubgraphClient = baseOptions.SubgraphClient,
                SubgraphTimeout = baseOptions.SubgraphTimeout,
                SubgraphTimeouts = baseOptions.SubgraphTimeouts,
                EnableIntrospection = baseOptions.EnableIntrospection,
                DeduplicateInFlightQueries = baseOptions.DeduplicateInFlightQueries,
                SubgraphUrlOverrides = baseOptions.SubgraphUrlOverrides,
                ValueCompletionErrorsInExtensions = baseOptions.ValueCompletionErrorsInExtensions,
                FetchFailureObserver = baseOptions.FetchFailureObserver,
                Limits = baseOptions.Limits,
                LimitsByRole = baseOptions.LimitsByRole,
                PolicyEvaluator = baseOptions.PolicyEvaluator,
                DocumentCacheSize = baseOptions.DocumentCacheSize,
                PlanCacheSize = baseOptions.PlanCacheSize,
            });
    }

    public FederatedGateway Engine { get; }

    public InMemorySubgraphHandler Subgraphs { get; }

    public int PlanCalls { get; private set; }

    public TestGateway Plan(string query, PlanNode? root, OperationType operation = OperationType.Query)
    {
        _plans[query] = new QueryPlan(operation, root);
        return this;
    }

    public async Task<JsonObject> RunAsync(string query, string? variablesJson = null, string? operationName = null, bool allowMutations = true, IReadOnlyDictionary<string, string>? headers = null, string? role = null, IReadOnlyCollection<string>? scopes = null, bool authenticated = true)
    {
        var response = await RunRawAsync(new GatewayRequest(
            query,
            operationName,
            variablesJson is null ? null : JsonDocument.Parse(variablesJson).RootElement,
            ForwardedHeaders: headers,
            AllowMutations: allowMutations,
            Caller: role is null && scopes is null ? null : new GatewayCaller(role ?? "anonymous", authenticated, new HashSet<string>(scopes ?? [], StringComparer.Ordinal))));
        return response;
    }

    public async Task<JsonObject> RunRawAsync(GatewayRequest request)
    {
        var response = await Engine.ExecuteAsync(request, CancellationToken.None);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            response.WriteTo(writer);
        }

        // Responses to deeply nested operations are deeper than JsonNode's default of 64.
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray()), documentOptions: new JsonDocumentOptions { MaxDepth = 512 })!.AsObject();
    }

    public void Dispose() => Engine.Dispose();
}
