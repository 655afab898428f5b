using GraphQL;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class SubgraphErrorTests
{
    [Fact]
    public async Task Entity_error_is_repathed_from_entities_index_to_every_client_path_with_service_name()
    {
        var reviews = new DataSubgraph("reviews", ProductCatalogGraph.ReviewsSdl, ProductCatalogGraph.ReviewsData, new Dictionary<string, Func<IResolveFieldContext, object?>>
        {
            ["Review.body"] = context =>
            {
                var review = (IDictionary<string, object?>)context.Source!;
                return (string)review["id"]! == "r2"
                    ? throw new ExecutionError("Review r2 is hidden") { Code = "HIDDEN" }
                    : review["body"];
            },
        });
        var subgraphs = new InMemorySubgraphHandler(
            new DataSubgraph("products", ProductCatalogGraph.ProductsSdl, ProductCatalogGraph.ProductsData),
            reviews);
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs);
        const string query = "{ a: product(upc: \"1\") { reviews { body } } b: product(upc: \"1\") { reviews { id } } topProducts { upc reviews { body } } }";
        gateway.Plan(query, Sequence(
            Root("products", "{ a: product(upc: \"1\") { __typename upc } b: product(upc: \"1\") { __typename upc } topProducts { __typename upc } }"),
            Parallel(
                Flatten("a", Entities("reviews", "Product", ["upc"], "{ reviews { body } }")),
                Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { body } }")),
                Flatten("b", Entities("reviews", "Product", ["upc"], "{ reviews { id } }")))));

        var response = await gateway.RunAsync(query);

        // Review.body is non-null: the hidden review's object becomes null, and since Review! is non-null in the list, the list.
        Assert.Null(response["data"]!["a"]!["reviews"]);
        Assert.Null(response["data"]!["topProducts"]![0]!["reviews"]);
        Assert.Equal("Comfy", response["data"]!["topProducts"]![1]!["reviews"]![0]!["body"]!.GetValue<string>());
        Assert.Equal(2, response["data"]!["b"]!["reviews"]!.AsArray().Count);
        var errors = response["errors"]!.AsArray();
        var paths = errors.Select(e => e!["path"]!.ToJsonString()).Order().ToArray();
        Assert.Equal(["[\"a\",\"reviews\",1,\"body\"]", "[\"topProducts\",0,\"reviews\",1,\"body\"]"], paths);
        Assert.All(errors, e =>
        {
            Assert.Equal("Review r2 is hidden", e!["message"]!.GetValue<string>());
            Assert.Equal("reviews", e["extensions"]!["serviceName"]!.GetValue<string>());
            Assert.Equal("HIDDEN", e["extensions"]!["code"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Entity_not_found_leaves_its_fields_null()
    {
        var subgraphs = new InMemorySubgraphHandler(
            new DataSubgraph("products", ProductCatalogGraph.ProductsSdl, ProductCatalogGraph.ProductsData),
            new DataSubgraph("reviews", ProductCatalogGraph.ReviewsSdl, """{"Product":[{"upc":"2","reviews":[]}]}"""));
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs);
        const string query = "{ topProducts { upc reviews { body } } }";
        gateway.Plan(query, Sequence(
            Root("products", "{ topProducts { __typename upc } }"),
            Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { body } }"))));

        var response = await gateway.RunAsync(query);

        ResponseShapeTests.AssertJson("""
            {"data":{"topProducts":[{"upc":"1","reviews":null},{"upc":"2","reviews":[]},{"upc":"3","reviews":null}]}}
            """, response);
    }
}
