using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class ResponseShapeTests : IDisposable
{
    private readonly TestGateway _gateway = new(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs());

    public void Dispose() => _gateway.Dispose();

    internal static void AssertJson(string expected, JsonNode actual)
    {
        var actualText = actual.ToJsonString();
        Assert.True(JsonNode.Parse(expected)!.ToJsonString() == actualText, "Actual response: " + actualText);
    }

    [Fact]
    public async Task Field_renamed_back_from_an_alias_merges_into_the_value_already_under_its_name()
    {
        const string query = "{ product(upc: \"1\") { name price } }";
        _gateway.Plan(query, new Engine.Planning.FetchNode(
            "products",
            "{ product(upc: \"1\") { name } second: product(upc: \"1\") { price } }",
            null,
            [],
            null,
            [],
            [new Engine.Planning.KeyRenamer(["second"], "product")]));

        var response = await _gateway.RunAsync(query);

        AssertJson("""{"data":{"product":{"name":"Table","price":899}}}""", response);
    }

    [Fact]
    public async Task Entity_chain_over_three_subgraphs_returns_the_client_shape()
    {
        const string query = "{ topProducts { name reviews { body author { username } } } }";
        _gateway.Plan(query, Sequence(
            Root("products", "{ topProducts { __typename upc name } }"),
            Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { body author { __typename id } } }")),
            Flatten("topProducts.@.reviews.@.author", Entities("accounts", "User", ["id"], "{ username }"))));

        var response = await _gateway.RunAsync(query);

        // u3 has no username: a non-null field, so the author object becomes null.
        AssertJson("""
            {"data":{"topProducts":[
              {"name":"Table","reviews":[{"body":"Love it","author":{"username":"ada"}},{"body":"Too small","author":{"username":"grace"}}]},
              {"name":"Couch","reviews":[{"body":"Comfy","author":{"username":"ada"}}]},
              {"name":"Chair","reviews":[{"body":"Wobbly","author":null}]}]},
             "extensions":{"valueCompletion":[{"message":"Cannot return null for non-nullable field User.username.","path":["topProducts",2,"reviews",0,"author","username"],"extensions":{"code":"INVALID_SUBGRAPH_VALUE"}}]}}
            """, response);
    }

    [Fact]
    public async Task Entity_fetch_batches_all_representations_into_one_deduplicated_request()
    {
        const string query = "{ topProducts { reviews { author { username } } } }";
        _gateway.Plan(query, Sequence(
            Root("products", "{ topProducts { __typename upc } }"),
            Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { author { __typename id } } }")),
            Flatten("topProducts.@.reviews.@.author", Entities("accounts", "User", ["id"], "{ username }"))));

        var response = await _gateway.RunAsync(query);

        var reviews = _gateway.Subgraphs.RequestsTo("reviews");
        var accounts = _gateway.Subgraphs.RequestsTo("accounts");
        Assert.Single(reviews);
        Assert.Equal(3, reviews[0].RepresentationCount);
        Assert.Single(accounts);
        // Four authors, u1 twice: three distinct representations, and u1's name lands in both places.
        Assert.Equal(3, accounts[0].RepresentationCount);
        Assert.Equal("ada", response["data"]!["topProducts"]![0]!["reviews"]![0]!["author"]!["username"]!.GetValue<string>());
        Assert.Equal("ada", response["data"]!["topProducts"]![1]!["reviews"]![0]!["author"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Response_keeps_client_field_order_aliases_and_typename_and_drops_internal_fields()
    {
        const string query = "{ __typename first: product(upc: \"1\") { price __typename label: name upc } }";
        _gateway.Plan(query, Root("products", "{ first: product(upc: \"1\") { __typename upc label: name price } }"));

        var response = await _gateway.RunAsync(query);

        AssertJson("""{"data":{"__typename":"Query","first":{"price":899,"__typename":"Product","label":"Table","upc":"1"}}}""", response);
    }

    [Fact]
    public async Task Fragments_and_skip_include_are_resolved_when_shaping()
    {
        const string query = """
            query($withPrice: Boolean!) { product(upc: "1") { ...Basics price @include(if: $withPrice) upc @skip(if: true) } }
            fragment Basics on Product { name ... on Product { category } }
            """;
        _gateway.Plan(query, Root("products", "{ product(upc: \"1\") { name category price upc } }"));

        var without = await _gateway.RunAsync(query, """{"withPrice": false}""");
        var with = await _gateway.RunAsync(query, """{"withPrice": true}""");

        AssertJson("""{"data":{"product":{"name":"Table","category":"FURNITURE"}}}""", without);
        AssertJson("""{"data":{"product":{"name":"Table","category":"FURNITURE","price":899}}}""", with);
    }

    [Fact]
    public async Task Enum_value_unknown_to_the_api_schema_becomes_a_field_error()
    {
        const string query = "{ topProducts { name category } }";
        _gateway.Plan(query, Root("products", "{ topProducts { name category } }"));

        var response = await _gateway.RunAsync(query);

        Assert.Null(response["data"]!["topProducts"]![2]!["category"]);
        Assert.Equal("Chair", response["data"]!["topProducts"]![2]!["name"]!.GetValue<string>());
        Assert.False(response.ContainsKey("errors"));
        var error = Assert.Single(response["extensions"]!["valueCompletion"]!.AsArray())!;
        Assert.Equal("""["topProducts",2,"category"]""", error["path"]!.ToJsonString());
        Assert.Equal("INVALID_SUBGRAPH_VALUE", error["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Null_in_a_non_null_list_item_nulls_the_nearest_nullable_parent()
    {
        const string query = "{ topProducts { reviews { rating } } }";
        _gateway.Plan(query, Sequence(
            Root("products", "{ topProducts { __typename upc } }"),
            Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { rating } }"))));

        var response = await _gateway.RunAsync(query);

        // Review.rating is Int! and null for r4; Review is non-null in [Review!], so the reviews list of product 3 becomes null.
        AssertJson("""
            {"data":{"topProducts":[{"reviews":[{"rating":5},{"rating":2}]},{"reviews":[{"rating":4}]},{"reviews":null}]},
             "extensions":{"valueCompletion":[{"message":"Cannot return null for non-nullable field Review.rating.","path":["topProducts",2,"reviews",0,"rating"],"extensions":{"code":"INVALID_SUBGRAPH_VALUE"}}]}}
            """, response);
    }

    [Fact]
    public async Task Value_completion_errors_can_be_reported_in_errors_instead_of_extensions()
    {
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), new GatewayOptions { ValueCompletionErrorsInExtensions = false });
        const string query = "{ topProducts { name category } }";
        gateway.Plan(query, Root("products", "{ topProducts { name category } }"));

        var response = await gateway.RunAsync(query);

        Assert.False(response.ContainsKey("extensions"));
        var error = Assert.Single(response["errors"]!.AsArray())!;
        Assert.Equal("""["topProducts",2,"category"]""", error["path"]!.ToJsonString());
        Assert.Equal("INVALID_SUBGRAPH_VALUE", error["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Root_fields_from_two_subgraphs_are_fetched_in_parallel_and_merged()
    {
        const string query = "{ me { username } product(upc: \"2\") { name } }";
        _gateway.Plan(query, Parallel(
            Root("accounts", "{ me { username } }"),
            Root("products", "{ product(upc: \"2\") { name } }")));

        var response = await _gateway.RunAsync(query);

        AssertJson("""{"data":{"me":{"username":"ada"},"product":{"name":"Table"}}}""", response);
    }
}
