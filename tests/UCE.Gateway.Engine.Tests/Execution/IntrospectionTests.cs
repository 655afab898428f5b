using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class IntrospectionTests
{
    [Fact]
    public async Task Introspection_mixed_with_subgraph_fields_is_answered_by_the_gateway_in_client_order()
    {
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs());
        const string query = """
            { me { username } s: __schema { queryType { name } } __typename
              ...T }
            fragment T on Query { __type(name: "Category") { kind enumValues { name } } }
            """;
        gateway.Plan(query, Root("accounts", "{ me { username } }"));

        var response = await gateway.RunAsync(query);

        ResponseShapeTests.AssertJson("""
            {"data":{"me":{"username":"ada"},"s":{"queryType":{"name":"Query"}},"__typename":"Query",
              "__type":{"kind":"ENUM","enumValues":[{"name":"BOOK"},{"name":"FURNITURE"}]}}}
            """, response);
        Assert.DoesNotContain(gateway.Subgraphs.Requests, r => r.Query.Contains("__schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Introspection_nested_as_deep_as_the_parser_admits_is_answered_in_full_with_the_depth_limit_lifted()
    {
        using var gateway = new TestGateway("type Query { head: Link } type Link { next: Link }", new InMemorySubgraphHandler(), new GatewayOptions { Limits = OperationLimits.Unlimited });
        var query = "{ __type(name: \"Link\") {" + string.Concat(Enumerable.Repeat(" fields { type {", 30)) + " name " + new string('}', 62);
        gateway.Plan(query, null);

        var response = await gateway.RunAsync(query);

        Assert.False(response.ContainsKey("errors"), response.ToJsonString());
        var type = response["data"]!["__type"]!;
        for (var level = 0; level < 30; level++)
        {
            type = Assert.Single(type["fields"]!.AsArray())!["type"]!;
        }

        Assert.Equal("Link", type["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Typename_alone_needs_no_subgraph()
    {
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs());
        gateway.Plan("{ __typename }", null);

        var response = await gateway.RunAsync("{ __typename }");

        ResponseShapeTests.AssertJson("""{"data":{"__typename":"Query"}}""", response);
        Assert.Empty(gateway.Subgraphs.Requests);
    }

    [Fact]
    public async Task Introspection_can_be_disabled()
    {
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), new GatewayOptions { EnableIntrospection = false });

        var response = await gateway.RunAsync("{ __schema { types { name } } }");

        Assert.Equal("INTROSPECTION_DISABLED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(response.ContainsKey("data"));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Request_switch_overrides_the_engine_introspection_setting(bool engineSetting, bool requestSwitch)
    {
        const string query = "{ __schema { queryType { name } } }";
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), new GatewayOptions { EnableIntrospection = engineSetting });
        gateway.Plan(query, null);

        var response = await gateway.RunRawAsync(new GatewayRequest(query, AllowIntrospection: requestSwitch));

        Assert.Equal(requestSwitch ? null : "INTROSPECTION_DISABLED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }
}
