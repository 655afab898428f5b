using System.Net;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Transport;

/// <summary>The operation limits over HTTP, on the UCE supergraph: refused with 400, the limit's code, and no subgraph call.</summary>
public sealed class OperationLimitEndpointTests
{
    // No subgraph listens at these URLs: a request that got past the limits would fail with a subgraph error instead.
    private static readonly string Supergraph = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"));

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(GatewayTestHost host, string query, bool asAgent = false)
    {
        using var request = GraphQLHttp.PostQuery(query);
        using var response = await host.Client.SendAsync(asAgent ? request.AsAgent() : request);
        return (response.StatusCode, (await response.ReadJsonAsync()).AsObject());
    }

    private static string Code(JsonObject body) => body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Theory]
    // The first limit exceeded is reported (tokens, depth, root fields, aliases, directives, cost); each alone stops it.
    [InlineData(null, "MAX_ROOT_FIELDS_LIMIT")]
    [InlineData("MaxRootFields", "MAX_ALIASES_LIMIT")]
    [InlineData("MaxRootFields MaxAliases", "COST_ESTIMATED_TOO_EXPENSIVE")]
    public async Task Two_hundred_aliased_customer_pages_are_refused_before_any_subgraph_is_called(string? lifted, string code)
    {
        var settings = (lifted ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(limit => $"Gateway:Limits:{limit}", _ => (string?)"0");
        await using var host = await GatewayTestHost.StartFederatedAsync(Supergraph, settings);
        var aliases = string.Concat(Enumerable.Range(0, 200).Select(i =>
            $" c{i}: customers(first: 100) {{ nodes {{ name email accounts {{ bills(first: 24) {{ nodes {{ amountDue }} }} }} }} }}"));

        var (status, body) = await PostAsync(host, "{" + aliases + " }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, Code(body));
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task One_page_of_customers_with_their_bills_is_refused_for_its_cost()
    {
        await using var host = await GatewayTestHost.StartFederatedAsync(Supergraph);

        var (status, body) = await PostAsync(host, "{ customers(first: 100) { nodes { accounts { bills(first: 24) { nodes { amountDue } } } } } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("COST_ESTIMATED_TOO_EXPENSIVE", Code(body));
        Assert.Contains("26101", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_360_is_within_the_default_limits()
    {
        await using var host = await GatewayTestHost.StartFederatedAsync(Supergraph);
        var query = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("bench/queries/customer360.graphql"));

        using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery(query, new { id = "cus-000001" }));
        var body = (await response.ReadJsonAsync()).AsObject();

        // Past the limits it reaches the (absent) subgraphs: the errors are theirs, not a limit's.
        Assert.DoesNotContain(body["errors"]!.AsArray(), error => error!["extensions"]!["code"]!.GetValue<string>().Contains("LIMIT", StringComparison.Ordinal));
        Assert.DoesNotContain(body["errors"]!.AsArray(), error => error!["extensions"]!["code"]!.GetValue<string>() == "COST_ESTIMATED_TOO_EXPENSIVE");
    }

    [Fact]
    public async Task The_customer_360_costs_205()
    {
        var query = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("bench/queries/customer360.graphql"));
        await using var justBelow = await GatewayTestHost.StartFederatedAsync(Supergraph, new Dictionary<string, string?> { ["Gateway:Limits:MaxCost"] = "204" });

        using var response = await justBelow.Client.SendAsync(GraphQLHttp.PostQuery(query, new { id = "cus-000001" }));
        var body = (await response.ReadJsonAsync()).AsObject();

        Assert.Equal("COST_ESTIMATED_TOO_EXPENSIVE", Code(body));
        Assert.Contains("(205)", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("defaults")]
    [InlineData("all")]
    public async Task The_introspection_query_tools_send_is_within_the_default_limits(string optionSet)
    {
        // graphql-js's getIntrospectionQuery() with its default options, and with every option on, as GraphiQL, Banana Cake
        // Pop and most tools send it (the texts graphql-js wrote, tests/fixtures/introspection-queries).
        var introspection = await File.ReadAllTextAsync(UceSubgraphsFixture.RepositoryFile($"tests/fixtures/introspection-queries/{optionSet}.graphql"));
        await using var host = await GatewayTestHost.StartFederatedAsync(Supergraph, new Dictionary<string, string?> { ["Gateway:Introspection"] = "true" });

        var (status, body) = await PostAsync(host, introspection);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Null(body["errors"]);
        Assert.NotEmpty(body["data"]!["__schema"]!["types"]!.AsArray());
    }

    [Fact]
    public async Task Limits_come_from_the_gateway_configuration()
    {
        const string Expensive = "{ customers(first: 100) { nodes { accounts { bills(first: 24) { nodes { amountDue } } } } } }";
        await using var shallow = await GatewayTestHost.StartFederatedAsync(Supergraph, new Dictionary<string, string?> { ["Gateway:Limits:MaxDepth"] = "2" });
        await using var uncapped = await GatewayTestHost.StartFederatedAsync(Supergraph, new Dictionary<string, string?> { ["Gateway:Limits:MaxCost"] = "0" });

        var (deepStatus, deep) = await PostAsync(shallow, "{ customer(id: \"cus-000001\") { accounts { id } } }");
        // As an agent: the customer list is for agents and supervisors, and the gateway refuses anybody else before planning.
        var (_, expensive) = await PostAsync(uncapped, Expensive, asAgent: true);

        Assert.Equal(HttpStatusCode.BadRequest, deepStatus);
        Assert.Equal("MAX_DEPTH_LIMIT", Code(deep));
        // With the cost ceiling lifted the operation is planned and sent: the error is the absent subgraph's.
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", Code(expensive));
    }

    [Fact]
    public async Task A_cyclic_fragment_is_refused_with_its_own_code()
    {
        await using var host = await GatewayTestHost.StartFederatedAsync(Supergraph);

        var (status, body) = await PostAsync(host, "{ ...A } fragment A on Query { customer(id: \"1\") { id } ...B } fragment B on Query { ...A }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("FRAGMENT_CYCLE", Code(body));
    }
}
