using GraphQL;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>Planner and executor together over the Apollo-composed fixture supergraphs.</summary>
public sealed class FixtureExecutionTests
{
    private static readonly Dictionary<string, string> EntityJumpData = new()
    {
        ["accounts"] = """
            { "Query": { "customers": [ { "id": "c1", "name": "Ada" }, { "id": "c2", "name": "Grace" }, { "id": "c1", "name": "Ada" } ],
                         "customer": { "id": "c2", "name": "Grace" } },
              "Customer": [ { "id": "c1", "name": "Ada" }, { "id": "c2", "name": "Grace" } ] }
            """,
        ["billing"] = """
            { "Customer": [ { "id": "c1", "balance": 12.5, "bills": [ { "id": "b1", "amount": 10.0 }, { "id": "b2", "amount": 2.5 } ] },
                            { "id": "c2", "balance": 0.0, "bills": [] } ] }
            """,
    };

    [Fact]
    public async Task Entity_jump_merges_billing_fields_into_every_customer_with_one_batched_request()
    {
        using var graph = new FixtureGraph("entity-jump", EntityJumpData);

        var response = await graph.RunAsync("{ __typename customers { __typename name balance bills { __typename id amount } } }");

        ResponseShapeTests.AssertJson("""
            {"data":{"__typename":"Query","customers":[
              {"__typename":"Customer","name":"Ada","balance":12.5,"bills":[{"__typename":"Bill","id":"b1","amount":10},{"__typename":"Bill","id":"b2","amount":2.5}]},
              {"__typename":"Customer","name":"Grace","balance":0,"bills":[]},
              {"__typename":"Customer","name":"Ada","balance":12.5,"bills":[{"__typename":"Bill","id":"b1","amount":10},{"__typename":"Bill","id":"b2","amount":2.5}]}]}}
            """, response);
        var billing = Assert.Single(graph.Subgraphs.RequestsTo("billing"));
        Assert.Equal(2, billing.RepresentationCount);
    }

    [Fact]
    public async Task Entity_jump_with_argument_variable_and_introspection_in_one_operation()
    {
        using var graph = new FixtureGraph("entity-jump", EntityJumpData);

        var response = await graph.RunAsync(
            "query($id: ID!) { customer(id: $id) { name balance } __type(name: \"Bill\") { name } }",
            """{"id": "c2"}""");

        ResponseShapeTests.AssertJson("""{"data":{"customer":{"name":"Grace","balance":0},"__type":{"name":"Bill"}}}""", response);
    }

    [Fact]
    public async Task Requires_sends_the_required_fields_in_the_representations()
    {
        using var graph = new FixtureGraph(
            "requires",
            new Dictionary<string, string>
            {
                ["products"] = """{ "Query": { "products": [ { "upc": "1", "weight": 10, "price": 100 }, { "upc": "2", "weight": 3, "price": 7 } ] } }""",
            },
            new Dictionary<string, Func<IResolveFieldContext, object?>>
            {
                ["Product.shippingEstimate"] = context =>
                {
                    var product = (IDictionary<string, object?>)context.Source!;
                    return product.TryGetValue("weight", out var weight) && product.TryGetValue("price", out var price)
                        ? (int)weight! * (int)price! / 10
                        : null;
                },
            });

        var response = await graph.RunAsync("{ products { upc shippingEstimate } }");

        ResponseShapeTests.AssertJson("""{"data":{"products":[{"upc":"1","shippingEstimate":100},{"upc":"2","shippingEstimate":2}]}}""", response);
        var shipping = Assert.Single(graph.Subgraphs.RequestsTo("shipping"));
        Assert.Contains("\"weight\":10", shipping.Variables.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fragments_on_an_interface_with_implementations_in_different_subgraphs()
    {
        using var graph = new FixtureGraph("interface-implementations", new Dictionary<string, string>
        {
            ["content"] = """
                { "Query": { "feed": [ { "__typename": "Article", "id": "a1", "headline": "Storm" }, { "__typename": "Video", "id": "v1", "url": "http://v" } ] } }
                """,
            ["stats"] = """{ "Article": [ { "id": "a1", "views": 42 } ] }""",
        });

        var response = await graph.RunAsync("""
            { feed { __typename id ... on Article { headline views } ...V } }
            fragment V on Video { url }
            """);

        ResponseShapeTests.AssertJson("""
            {"data":{"feed":[{"__typename":"Article","id":"a1","headline":"Storm","views":42},{"__typename":"Video","id":"v1","url":"http://v"}]}}
            """, response);
    }
}
