using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary><c>@skip</c>/<c>@include</c> with variables decide at run time which fetches of a cached plan are sent.</summary>
public sealed class ConditionExecutionTests
{
    private static readonly Dictionary<string, string> OrdersData = new()
    {
        ["accounts"] = """{ "Query": { "me": { "id": "u1", "name": "Ada" } }, "User": [ { "id": "u1", "name": "Ada" }, { "id": "u2", "name": "Grace" } ] }""",
        ["orders"] = """{ "Query": { "recentOrders": [ { "id": "o1", "item": "kettle", "buyer": { "id": "u2" } } ] } }""",
    };

    private static readonly Dictionary<string, string> CatalogData = new()
    {
        ["catalog"] = """{ "Query": { "products": [ { "upc": "p1", "name": "Lamp", "price": 12.5, "related": [] } ] } }""",
        ["reviews"] = """{ "Product": [ { "upc": "p1", "reviews": [ { "stars": 4 } ] } ] }""",
    };

    private const string ConditionalRoots = """
        query Conditional($withOrders: Boolean!, $noMe: Boolean!) {
          me @skip(if: $noMe) { name }
          ... @include(if: $withOrders) { recentOrders { item buyer { name } } }
        }
        """;

    [Fact]
    public async Task A_root_fetch_only_a_skipped_field_needs_is_not_sent()
    {
        using var graph = new FixtureGraph("root-parallel", OrdersData);

        var response = await graph.RunAsync(ConditionalRoots, """{"withOrders": false, "noMe": true}""");

        ResponseShapeTests.AssertJson("""{"data":{}}""", response);
        Assert.Empty(graph.Subgraphs.Requests);
    }

    [Fact]
    public async Task The_same_cached_plan_sends_every_fetch_when_the_conditions_hold()
    {
        using var graph = new FixtureGraph("root-parallel", OrdersData);

        var skipped = await graph.RunAsync(ConditionalRoots, """{"withOrders": false, "noMe": false}""");
        ResponseShapeTests.AssertJson("""{"data":{"me":{"name":"Ada"}}}""", skipped);
        Assert.Equal(["accounts"], graph.Subgraphs.Requests.Select(r => r.Subgraph));

        var included = await graph.RunAsync(ConditionalRoots, """{"withOrders": true, "noMe": false}""");
        ResponseShapeTests.AssertJson("""{"data":{"me":{"name":"Ada"},"recentOrders":[{"item":"kettle","buyer":{"name":"Grace"}}]}}""", included);

        // One more accounts fetch for `me`, the orders root fetch, and the accounts entity fetch for the buyer.
        Assert.Equal(4, graph.Subgraphs.Requests.Count);
        Assert.Equal(2, graph.Subgraphs.RequestsTo("accounts").Count(r => r.RepresentationCount == 0));
        Assert.Single(graph.Subgraphs.RequestsTo("accounts"), r => r.RepresentationCount == 1);
        Assert.Single(graph.Subgraphs.RequestsTo("orders"));
        Assert.Equal((1, 1), graph.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task An_entity_fetch_below_an_excluded_field_is_not_sent_and_included_it_is()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);
        const string query = "query($withReviews: Boolean!) { products { name reviews @include(if: $withReviews) { stars } } }";

        var without = await graph.RunAsync(query, """{"withReviews": false}""");
        ResponseShapeTests.AssertJson("""{"data":{"products":[{"name":"Lamp"}]}}""", without);
        Assert.Empty(graph.Subgraphs.RequestsTo("reviews"));

        var with = await graph.RunAsync(query, """{"withReviews": true}""");
        ResponseShapeTests.AssertJson("""{"data":{"products":[{"name":"Lamp","reviews":[{"stars":4}]}]}}""", with);
        Assert.Single(graph.Subgraphs.RequestsTo("reviews"));
    }

    [Fact]
    public async Task Literal_conditions_are_decided_when_planning()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData);

        var response = await graph.RunAsync("{ products { name price @include(if: true) reviews @skip(if: true) { stars } } }");

        ResponseShapeTests.AssertJson("""{"data":{"products":[{"name":"Lamp","price":12.5}]}}""", response);
        var catalog = Assert.Single(graph.Subgraphs.Requests);
        Assert.DoesNotContain("@", catalog.Query, StringComparison.Ordinal);
    }
}
