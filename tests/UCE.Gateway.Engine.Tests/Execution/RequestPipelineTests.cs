using System.Text.Json.Nodes;
using GraphQL;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class RequestPipelineTests : IDisposable
{
    private readonly TestGateway _gateway = new(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs());

    public void Dispose() => _gateway.Dispose();

    private static string Code(JsonObject response, int index = 0) =>
        response["errors"]![index]!["extensions"]!["code"]!.GetValue<string>();

    [Theory]
    [InlineData("{ me { username }", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ me { nickname } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ product { name } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("query A { me { id } } query B { me { id } }", "OPERATION_RESOLUTION_FAILURE")]
    [InlineData("", "BAD_REQUEST")]
    public async Task Invalid_request_is_a_request_error_without_data_and_without_subgraph_calls(string query, string code)
    {
        var response = await _gateway.RunAsync(query);

        Assert.False(response.ContainsKey("data"));
        Assert.Equal(code, Code(response));
        Assert.Empty(_gateway.Subgraphs.Requests);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(2000)]
    public async Task Document_nested_deeper_than_the_parser_admits_is_a_short_parse_failure(int levels)
    {
        var query = "{" + string.Concat(Enumerable.Repeat(" me {", levels)) + " id " + new string('}', levels + 1);

        var response = await _gateway.RunAsync(query);

        Assert.False(response.ContainsKey("data"));
        Assert.Equal("GRAPHQL_PARSE_FAILED", Code(response));
        var message = response["errors"]![0]!["message"]!.GetValue<string>();
        Assert.InRange(message.Length, 1, 200);
        Assert.DoesNotContain("me {", message, StringComparison.Ordinal);
        Assert.Empty(_gateway.Subgraphs.Requests);
    }

    [Fact]
    public async Task Unknown_operation_name_is_refused()
    {
        var response = await _gateway.RunAsync("query A { me { id } }", operationName: "B");

        Assert.Equal("OPERATION_RESOLUTION_FAILURE", Code(response));
    }

    [Theory]
    [InlineData("""{"upc": 5}""")]
    [InlineData("""{}""")]
    [InlineData("""{"upc": null}""")]
    public async Task Bad_variables_are_a_bad_user_input_request_error(string variables)
    {
        const string query = "query($upc: String!) { product(upc: $upc) { name } }";
        _gateway.Plan(query, Root("products", "query($upc: String!) { product(upc: $upc) { name } }", "upc"));

        var response = await _gateway.RunAsync(query, variables);

        Assert.False(response.ContainsKey("data"));
        Assert.Equal("BAD_USER_INPUT", Code(response));
        Assert.Empty(_gateway.Subgraphs.Requests);
    }

    [Fact]
    public async Task Mutation_over_get_is_refused_and_runs_nothing()
    {
        const string query = "mutation { rename(name: \"x\") { username } }";
        _gateway.Plan(query, Root("accounts", query), OperationType.Mutation);

        var response = await _gateway.RunAsync(query, allowMutations: false);

        Assert.Equal("MUTATION_NOT_ALLOWED_OVER_GET", Code(response));
        Assert.Empty(_gateway.Subgraphs.Requests);
    }

    [Fact]
    public async Task Second_run_of_the_same_operation_uses_the_cached_plan_and_document()
    {
        const string query = "{ me { username } }";
        _gateway.Plan(query, Root("accounts", "{ me { username } }"));

        var first = await _gateway.RunAsync(query);
        var second = await _gateway.RunAsync(query);

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(1, _gateway.PlanCalls);
        Assert.Equal((1L, 1L), _gateway.Engine.PlanCacheStatistics);
        Assert.Equal(1L, _gateway.Engine.DocumentCacheStatistics.Hits);
    }

    [Fact]
    public async Task Variables_are_forwarded_only_to_the_fetches_that_use_them()
    {
        const string query = "query($upc: String!, $first: Int) { product(upc: $upc) { name } me { username } topProducts(first: $first) { upc } }";
        _gateway.Plan(query, Parallel(
            Root("products", "query($upc: String!, $first: Int) { product(upc: $upc) { name } topProducts(first: $first) { upc } }", "upc", "first"),
            Root("accounts", "{ me { username } }")));

        var response = await _gateway.RunAsync(query, """{"upc": "2", "first": 1}""");

        Assert.Equal("Table", response["data"]!["product"]!["name"]!.GetValue<string>());
        var products = Assert.Single(_gateway.Subgraphs.RequestsTo("products"));
        var accounts = Assert.Single(_gateway.Subgraphs.RequestsTo("accounts"));
        Assert.Equal("""{"upc":"2","first":1}""", JsonNode.Parse(products.Variables.GetRawText())!.ToJsonString());
        Assert.Equal("{}", JsonNode.Parse(accounts.Variables.GetRawText())!.ToJsonString());
    }

    [Fact]
    public async Task Default_values_of_variables_are_forwarded_when_the_client_omits_them()
    {
        const string query = "query($upc: String! = \"3\") { product(upc: $upc) { upc } }";
        _gateway.Plan(query, Root("products", "query($upc: String!) { product(upc: $upc) { upc } }", "upc"));

        await _gateway.RunAsync(query);

        var request = Assert.Single(_gateway.Subgraphs.RequestsTo("products"));
        Assert.Equal("3", request.Variables.GetProperty("upc").GetString());
    }

    [Fact]
    public async Task Allowed_headers_given_with_the_request_reach_the_subgraphs()
    {
        const string query = "{ me { username } }";
        _gateway.Plan(query, Root("accounts", "{ me { username } }"));

        await _gateway.RunAsync(query, headers: new Dictionary<string, string> { ["x-user-id"] = "u1", ["traceparent"] = "00-abc-def-01" });

        var request = Assert.Single(_gateway.Subgraphs.RequestsTo("accounts"));
        Assert.Equal("u1", request.Headers["x-user-id"]);
        Assert.Equal("00-abc-def-01", request.Headers["traceparent"]);
    }

    [Fact]
    public async Task Query_plan_is_returned_in_extensions_when_asked()
    {
        const string query = "{ me { username } }";
        _gateway.Plan(query, Root("accounts", "{ me { username } }"));

        var response = await _gateway.RunRawAsync(new GatewayRequest(query, IncludeQueryPlan: true));
        var plain = await _gateway.RunAsync(query);

        Assert.Contains("accounts", response["extensions"]!["queryPlan"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(plain.ContainsKey("extensions"));
    }

    [Fact]
    public async Task Mutations_run_one_after_another_in_document_order()
    {
        var renames = 0;
        var accounts = new DataSubgraph("accounts", ProductCatalogGraph.AccountsSdl, ProductCatalogGraph.AccountsData, new Dictionary<string, Func<IResolveFieldContext, object?>>
        {
            ["Mutation.rename"] = context =>
            {
                var order = Interlocked.Increment(ref renames);
                return new Dictionary<string, object?> { ["id"] = "u1", ["username"] = $"{context.GetArgument<string>("name")}#{order}" };
            },
        });
        var subgraphs = new InMemorySubgraphHandler(accounts);

        // Each request waits at the subgraph for one release; the test releases one only after seeing it arrive alone.
        using var releases = new SemaphoreSlim(0);
        subgraphs.SetGate("accounts", releases.WaitAsync);
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs);
        const string query = "mutation { first: rename(name: \"a\") { username } second: rename(name: \"b\") { username } third: rename(name: \"c\") { username } }";
        gateway.Plan(query, Sequence(
            Root("accounts", "mutation { first: rename(name: \"a\") { username } }"),
            Root("accounts", "mutation { second: rename(name: \"b\") { username } }"),
            Root("accounts", "mutation { third: rename(name: \"c\") { username } }")), OperationType.Mutation);

        var running = gateway.RunAsync(query);
        foreach (var (field, sent) in new[] { ("first", 1), ("second", 2), ("third", 3) })
        {
            await Eventually.TrueAsync(() => subgraphs.Requests.Count >= sent, $"the {field} mutation reached the subgraph");
            Assert.Equal(sent, subgraphs.Requests.Count);
            Assert.Contains(field, subgraphs.Requests[sent - 1].Query, StringComparison.Ordinal);
            releases.Release();
        }

        var response = await running.WaitAsync(Eventually.Bound);

        ResponseShapeTests.AssertJson("""{"data":{"first":{"username":"a#1"},"second":{"username":"b#2"},"third":{"username":"c#3"}}}""", response);
    }
}
