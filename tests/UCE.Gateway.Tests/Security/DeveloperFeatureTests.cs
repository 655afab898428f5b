using System.Net;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Security;

/// <summary>
/// Introspection and query plans: off for everyone when a supergraph file is configured, open to agents and supervisors
/// with the developer scope, on in the embedded default.
/// </summary>
public sealed class DeveloperFeatureTests : IDisposable
{
    private const string Introspection = "{ __schema { queryType { name } } }";

    private static readonly string Supergraph = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"));

    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", "dev-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Introspection_is_off_by_default_when_a_supergraph_is_configured_but_typename_is_answered()
    {
        await using var gateway = await GatewayTestHost.StartFederatedAsync(Supergraph);

        using var introspection = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(Introspection).AsAgent());
        using var typename = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ __typename }"));

        Assert.Equal("INTROSPECTION_DISABLED", (await introspection.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal("""{"data":{"__typename":"Query"}}""", await typename.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("agent", "developer", true)]
    [InlineData("supervisor", "read developer", true)]
    [InlineData("agent", null, false)]
    [InlineData("partner", "developer", false)]
    [InlineData("service", "developer", false)]
    public async Task Introspection_when_off_is_answered_only_for_agents_and_supervisors_with_the_developer_scope(string role, string? scopes, bool answered)
    {
        await using var gateway = await GatewayTestHost.StartFederatedAsync(Supergraph);
        var token = TestTokenIssuer.Default.CreateToken(role, scopes: scopes);

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(Introspection).WithToken(token));
        var body = await response.ReadJsonAsync();

        Assert.Equal(answered ? null : "INTROSPECTION_DISABLED", body.FirstErrorCode());
        Assert.Equal(answered ? "Query" : null, body["data"]?["__schema"]?["queryType"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Customer_with_the_developer_scope_gets_no_introspection()
    {
        await using var gateway = await GatewayTestHost.StartFederatedAsync(Supergraph);
        var token = TestTokenIssuer.Default.CreateToken("customer", customerId: "cus-000001", scopes: "developer");

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(Introspection).WithToken(token));

        Assert.Equal("INTROSPECTION_DISABLED", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Introspection_switched_on_is_answered_for_everyone()
    {
        await using var gateway = await GatewayTestHost.StartFederatedAsync(Supergraph, new Dictionary<string, string?> { ["Gateway:Introspection"] = "true" });

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(Introspection));

        Assert.Null((await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Query_plans_are_off_by_default_when_a_supergraph_is_configured_and_shown_to_developers()
    {
        await using var gateway = await GatewayTestHost.StartFederatedAsync(Supergraph);

        var forAgent = await PlanAsync(gateway, GraphQLHttp.PostQuery("{ __typename }").AsAgent());
        var forDeveloper = await PlanAsync(gateway, GraphQLHttp.PostQuery("{ __typename }").AsAgent(scopes: "developer"));

        Assert.Null(forAgent);
        Assert.NotNull(forDeveloper);
    }

    [Fact]
    public async Task Embedded_default_answers_introspection_and_query_plans_for_everyone()
    {
        await using var gateway = await GatewayTestHost.StartEmbeddedDefaultAsync(_keyDirectory);

        using var introspection = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(Introspection));
        var plan = await PlanAsync(gateway, GraphQLHttp.PostQuery("{ __typename }"));

        Assert.Equal(HttpStatusCode.OK, introspection.StatusCode);
        Assert.Equal("Query", (await introspection.ReadJsonAsync())["data"]!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
        Assert.NotNull(plan);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // No key was made.
        }
    }

    private static async Task<string?> PlanAsync(GatewayTestHost gateway, HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Add("UCE-Query-Plan", "true");
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.ReadJsonAsync())["extensions"]?["queryPlan"]?.ToString();
        }
    }
}
