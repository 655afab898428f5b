using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Limits;

/// <summary>Operations over a limit are refused before planning, with the limit's own code, and nothing reaches a subgraph.</summary>
public sealed class OperationLimitTests
{
    private static readonly OperationLimits Small = new()
    {
        MaxDepth = 3, MaxAliases = 2, MaxRootFields = 3, MaxDirectives = 2, MaxTokens = 60, MaxCost = 50,
    };

    private static TestGateway Gateway(OperationLimits? limits = null, Dictionary<string, OperationLimits>? byRole = null) =>
        new(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), new GatewayOptions
        {
            Limits = limits ?? Small,
            LimitsByRole = byRole ?? [],
        });

    private static string Code(JsonObject response) => response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Theory]
    [InlineData("{ topProducts(first: 1) { reviews { author { username } } } }", "MAX_DEPTH_LIMIT")]
    [InlineData("{ a: me { id } b: me { id } c: me { id } }", "MAX_ALIASES_LIMIT")]
    [InlineData("{ me { id } me { username } __typename product(upc: \"1\") { name } }", "MAX_ROOT_FIELDS_LIMIT")]
    [InlineData("{ me @include(if: true) { id @include(if: true) username @skip(if: false) } }", "MAX_DIRECTIVES_LIMIT")]
    [InlineData("{ topProducts(first: 60) { name } }", "COST_ESTIMATED_TOO_EXPENSIVE")]
    [InlineData("{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }", "FRAGMENT_CYCLE")]
    [InlineData("{ me { id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id id } }", "MAX_TOKENS_LIMIT")]
    public async Task An_operation_over_a_limit_is_refused_before_planning(string query, string code)
    {
        using var gateway = Gateway();

        var response = await gateway.RunAsync(query);

        Assert.Equal(code, Code(response));
        Assert.False(response.ContainsKey("data"));
        Assert.Equal(0, gateway.PlanCalls);
        Assert.Empty(gateway.Subgraphs.Requests);
    }

    [Fact]
    public async Task An_operation_within_the_limits_runs()
    {
        using var gateway = Gateway();
        const string Query = "{ topProducts(first: 2) { name } }";
        gateway.Plan(Query, Root("products", "{ topProducts(first: 2) { name } }"));

        var response = await gateway.RunAsync(Query);

        Assert.False(response.ContainsKey("errors"), response.ToJsonString());
        Assert.Equal(1, gateway.PlanCalls);
    }

    [Fact]
    public async Task A_slicing_variable_is_costed_with_the_value_each_request_sends()
    {
        using var gateway = Gateway();
        const string Query = "query($n: Int) { topProducts(first: $n) { name } }";
        gateway.Plan(Query, Root("products", "query($n: Int) { topProducts(first: $n) { name } }", "n"));

        var cheap = await gateway.RunAsync(Query, """{"n": 2}""");
        var expensive = await gateway.RunAsync(Query, """{"n": 500}""");
        var cheapAgain = await gateway.RunAsync(Query, """{"n": 3}""");

        Assert.False(cheap.ContainsKey("errors"), cheap.ToJsonString());
        Assert.Equal("COST_ESTIMATED_TOO_EXPENSIVE", Code(expensive));
        Assert.False(cheapAgain.ContainsKey("errors"), cheapAgain.ToJsonString());
    }

    [Fact]
    public async Task A_role_with_its_own_limits_gets_them_and_others_keep_the_defaults()
    {
        using var gateway = Gateway(byRole: new Dictionary<string, OperationLimits>(StringComparer.OrdinalIgnoreCase)
        {
            ["agent"] = Small.With(new OperationLimitOverrides { MaxAliases = 10 }),
        });
        const string Query = "{ a: me { id } b: me { id } c: me { id } }";
        gateway.Plan(Query, Root("accounts", "{ a: me { id } b: me { id } c: me { id } }"));

        var asAgent = await gateway.RunAsync(Query, role: "agent");
        var asCustomer = await gateway.RunAsync(Query, role: "customer");
        var anonymous = await gateway.RunAsync(Query);

        Assert.False(asAgent.ContainsKey("errors"), asAgent.ToJsonString());
        Assert.Equal("MAX_ALIASES_LIMIT", Code(asCustomer));
        Assert.Equal("MAX_ALIASES_LIMIT", Code(anonymous));
    }

    [Fact]
    public async Task A_document_over_every_roles_token_limit_is_refused_unparsed()
    {
        using var gateway = Gateway(byRole: new Dictionary<string, OperationLimits> { ["agent"] = Small.With(new OperationLimitOverrides { MaxTokens = 100 }) });
        var query = "{ me { " + string.Concat(Enumerable.Repeat("id ", 5_000)) + "} }";

        var response = await gateway.RunAsync(query, role: "agent");

        Assert.Equal("MAX_TOKENS_LIMIT", Code(response));
        Assert.Contains("100 tokens", response["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_replace_only_what_they_set_and_zero_lifts_a_ceiling()
    {
        var changed = new OperationLimits().With(new OperationLimitOverrides { MaxDepth = 7, MaxCost = 0 });

        Assert.Equal(7, changed.MaxDepth);
        Assert.Null(changed.MaxCost);
        Assert.Equal(new OperationLimits().MaxAliases, changed.MaxAliases);
    }
}
