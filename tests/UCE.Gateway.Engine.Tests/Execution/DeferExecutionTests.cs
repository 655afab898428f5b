using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary><c>@defer</c>: the primary part is handed out before the deferred part's subgraphs answer, then each deferred part.</summary>
public sealed class DeferExecutionTests
{
    private static readonly Dictionary<string, string> CatalogData = new()
    {
        ["catalog"] = """
            { "Query": { "products": [ { "upc": "p1", "name": "Lamp", "price": 12.5, "related": [ { "upc": "p2", "name": "Desk" } ] }, { "upc": "p2", "name": "Desk", "price": 80, "related": [] } ],
                         "product": { "upc": "p1", "name": "Lamp", "price": 12.5, "related": [ { "upc": "p2", "name": "Desk" } ] } },
              "Product": [ { "upc": "p1", "name": "Lamp", "price": 12.5, "related": [ { "upc": "p2", "name": "Desk" } ] }, { "upc": "p2", "name": "Desk", "price": 80, "related": [] } ] }
            """,
        ["reviews"] = """{ "Product": [ { "upc": "p1", "reviews": [ { "stars": 4 } ] }, { "upc": "p2", "reviews": [ { "stars": 2 }, { "stars": 5 } ] } ] }""",
    };

    [Fact]
    public async Task The_primary_part_arrives_before_the_slow_subgraph_answers_then_the_deferred_part_in_a_list()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        graph.Subgraphs.SetGate("reviews", release.Task);

        await using var parts = Run(graph, """query { products { name ... @defer(label: "slow") { reviews { stars } } } }""").GetAsyncEnumerator();

        Assert.True(await parts.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        ResponseShapeTests.AssertJson("""{"data":{"products":[{"name":"Lamp"},{"name":"Desk"}]},"hasNext":true}""", Json(parts.Current));
        Assert.False(release.Task.IsCompleted);

        var next = parts.MoveNextAsync().AsTask();
        await Eventually.TrueAsync(() => graph.Subgraphs.RequestsTo("reviews").Count == 1, "the deferred reviews fetch to be sent");
        Assert.False(next.IsCompleted);
        release.SetResult();

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        ResponseShapeTests.AssertJson("""
            {"hasNext":false,"incremental":[
              {"data":{"reviews":[{"stars":4}]},"path":["products",0],"label":"slow"},
              {"data":{"reviews":[{"stars":2},{"stars":5}]},"path":["products",1],"label":"slow"}]}
            """, Json(parts.Current));
        Assert.False(await parts.MoveNextAsync());
        Assert.Equal(2, Assert.Single(graph.Subgraphs.RequestsTo("reviews")).RepresentationCount);
    }

    [Fact]
    public async Task A_deferred_part_is_fetched_while_a_slow_fetch_of_the_primary_part_is_still_running_and_delivered_after_it()
    {
        // The gate, not a subgraph timeout, decides when reviews answers.
        using var graph = new FixtureGraph("operation-shapes", CatalogData, options: new GatewayOptions { SubgraphTimeout = TimeSpan.FromHours(1) });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        graph.Subgraphs.SetGate("reviews", release.Task);

        // The deferred price is an entity fetch to catalog that reads only the products of the root fetch, not the reviews.
        await using var parts = Run(graph, """query { products { name reviews { stars } ... @defer(label: "price") { price } } }""").GetAsyncEnumerator();
        var first = parts.MoveNextAsync().AsTask();

        await Eventually.TrueAsync(() => graph.Subgraphs.RequestsTo("reviews").Count == 1, "the primary part's reviews fetch to be sent");
        await Eventually.TrueAsync(() => graph.Subgraphs.RequestsTo("catalog").Count == 2, "the deferred price fetch to be sent while reviews is held");
        Assert.False(first.IsCompleted);
        release.SetResult();

        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(10)));
        ResponseShapeTests.AssertJson("""{"data":{"products":[{"name":"Lamp","reviews":[{"stars":4}]},{"name":"Desk","reviews":[{"stars":2},{"stars":5}]}]},"hasNext":true}""", Json(parts.Current));
        Assert.True(await parts.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        ResponseShapeTests.AssertJson("""
            {"hasNext":false,"incremental":[
              {"data":{"price":12.5},"path":["products",0],"label":"price"},
              {"data":{"price":80},"path":["products",1],"label":"price"}]}
            """, Json(parts.Current));
        Assert.False(await parts.MoveNextAsync());
    }

    [Fact]
    public async Task Nested_deferred_fragments_arrive_outer_first()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);

        var responses = await All(graph, """
            query { product(upc: "p1") { name ... @defer(label: "outer") { price related { name ... @defer(label: "inner") { reviews { stars } } } } } }
            """);

        Assert.Equal(3, responses.Count);
        ResponseShapeTests.AssertJson("""{"data":{"product":{"name":"Lamp"}},"hasNext":true}""", responses[0]);
        ResponseShapeTests.AssertJson("""{"hasNext":true,"incremental":[{"data":{"price":12.5,"related":[{"name":"Desk"}]},"path":["product"],"label":"outer"}]}""", responses[1]);
        ResponseShapeTests.AssertJson("""{"hasNext":false,"incremental":[{"data":{"reviews":[{"stars":2},{"stars":5}]},"path":["product","related",0],"label":"inner"}]}""", responses[2]);
    }

    [Fact]
    public async Task Defer_if_false_answers_in_one_response_and_a_variable_decides_per_request()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);
        const string query = """query($later: Boolean!) { product(upc: "p1") { name ... @defer(if: $later) { reviews { stars } } ... @defer(if: false) { price } } }""";

        var whole = await All(graph, query, """{"later": false}""");
        var split = await All(graph, query, """{"later": true}""");

        ResponseShapeTests.AssertJson("""{"data":{"product":{"name":"Lamp","reviews":[{"stars":4}],"price":12.5}}}""", Assert.Single(whole));
        Assert.Equal(2, split.Count);
        ResponseShapeTests.AssertJson("""{"data":{"product":{"name":"Lamp","price":12.5}},"hasNext":true}""", split[0]);
        ResponseShapeTests.AssertJson("""{"hasNext":false,"incremental":[{"data":{"reviews":[{"stars":4}]},"path":["product"]}]}""", split[1]);
        Assert.Equal((1, 1), graph.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task Errors_of_a_deferred_part_go_in_that_part()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);
        graph.Subgraphs.SetFault("reviews", SubgraphFault.Http500);

        var responses = await All(graph, """query { product(upc: "p1") { name ... @defer { reviews { stars } } } }""");

        Assert.Equal(2, responses.Count);
        ResponseShapeTests.AssertJson("""{"data":{"product":{"name":"Lamp"}},"hasNext":true}""", responses[0]);
        var item = Assert.Single(responses[1]["incremental"]!.AsArray())!;
        Assert.Null(item["data"]);
        var error = Assert.Single(item["errors"]!.AsArray())!;
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", error["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_incremental_delivery_the_deferred_fragment_is_answered_in_the_one_response_or_refused_when_asked()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);
        const string query = """query { product(upc: "p1") { name ... @defer { reviews { stars } } } }""";

        var whole = await graph.RunAsync(query);
        var refused = await graph.Engine.ExecuteAsync(new GatewayRequest(query, RefuseDefer: true), CancellationToken.None);

        ResponseShapeTests.AssertJson("""{"data":{"product":{"name":"Lamp","reviews":[{"stars":4}]}}}""", whole);
        Assert.True(refused.IsRequestError);
        Assert.Equal("DEFER_BAD_HEADER", refused.Errors[0]["extensions"]!["code"]!.GetValue<string>());
    }

    private static IAsyncEnumerable<GatewayResponse> Run(FixtureGraph graph, string query, string? variables = null) =>
        graph.Engine.ExecuteIncrementalAsync(new GatewayRequest(query, Variables: variables is null ? null : JsonDocument.Parse(variables).RootElement), CancellationToken.None);

    private static async Task<List<JsonObject>> All(FixtureGraph graph, string query, string? variables = null)
    {
        var responses = new List<JsonObject>();
        await foreach (var response in Run(graph, query, variables))
        {
            responses.Add(Json(response));
        }

        return responses;
    }

    private static JsonObject Json(GatewayResponse response) => JsonNode.Parse(Encoding.UTF8.GetString(response.ToUtf8Json().Span))!.AsObject();
}
