using System.Net;
using System.Text;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Security;

/// <summary>
/// Requests built to hurt the gateway, with its production defaults over the UCE supergraph (no subgraph listens: a
/// request that got through would fail with a subgraph error instead of its refusal code). Each is refused with its own
/// code, and the gateway answers its health check afterwards.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class HostileRequestTests : IAsyncLifetime
{
    private static readonly string Supergraph = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"));

    private GatewayTestHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayTestHost.StartFederatedAsync(Supergraph);

    public async Task DisposeAsync()
    {
        using var health = await _gateway.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await _gateway.DisposeAsync();
    }

    public static TheoryData<string, string, string> Bombs()
    {
        var customer = "customer(id: \"cus-000001\")";
        var nested = string.Concat(Enumerable.Repeat("accounts { customer { ", 12)) + "id" + string.Concat(Enumerable.Repeat(" } }", 12));
        return new TheoryData<string, string, string>
        {
            { "depth", $"{{ {customer} {{ {nested} }} }}", "MAX_DEPTH_LIMIT" },
            { "5,000 aliases", $"{{ {customer} {{" + string.Concat(Enumerable.Range(0, 5000).Select(i => $" a{i}: id")) + " } }", "MAX_TOKENS_LIMIT" },
            { "1,000 aliases", $"{{ {customer} {{" + string.Concat(Enumerable.Range(0, 1000).Select(i => $" a{i}: id")) + " } }", "MAX_ALIASES_LIMIT" },
            { "aliased root fields", "{" + string.Concat(Enumerable.Range(0, 25).Select(i => $" c{i}: {customer} {{ id }}")) + " }", "MAX_ROOT_FIELDS_LIMIT" },
            { "directives", $"{{ {customer} {{" + string.Concat(Enumerable.Repeat(" id @include(if: true)", 60)) + " } }", "MAX_DIRECTIVES_LIMIT" },
            { "tokens", "{ " + customer + " { " + string.Concat(Enumerable.Repeat("__typename ", 16_000)) + "} }", "MAX_TOKENS_LIMIT" },
            { "cyclic fragments", $"{{ {customer} {{ ...A }} }} fragment A on Customer {{ id ...B }} fragment B on Customer {{ name ...A }}", "FRAGMENT_CYCLE" },
            { "self-spreading fragment", $"{{ {customer} {{ ...A }} }} fragment A on Customer {{ ...A }}", "FRAGMENT_CYCLE" },
            {
                "fragment fan-out",
                $"{{ {customer} {{ ...F0 }} }} " + string.Concat(Enumerable.Range(0, 12).Select(i => $"fragment F{i} on Customer {{ accounts {{ customer {{ ...F{i + 1} ...F{i + 1} }} }} }} ")) + "fragment F12 on Customer { id }",
                "MAX_DEPTH_LIMIT"
            },
            {
                "200 aliased customer pages",
                "{" + string.Concat(Enumerable.Range(0, 200).Select(i => $" c{i}: customers(first: 100) {{ nodes {{ name email accounts {{ bills(first: 24) {{ nodes {{ amountDue }} }} }} }} }}")) + " }",
                "MAX_ROOT_FIELDS_LIMIT"
            },
            { "one expensive page", "{ customers(first: 100) { nodes { accounts { bills(first: 100) { nodes { amountDue } } } } } }", "COST_ESTIMATED_TOO_EXPENSIVE" },
        };
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Operation_bombs_are_refused_before_planning(string name, string query, string code)
    {
        using var response = await _gateway.Client.SendAsync(GraphQLHttp.PostQuery(query).AsAgent());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
        var body = await response.ReadJsonAsync();
        Assert.Equal(code, body.FirstErrorCode());
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";

        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Post(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        var batch = "[" + string.Join(',', Enumerable.Repeat("""{"query":"{ __typename }"}""", 21)) + "]";

        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Post(batch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync()).FirstErrorCode());
    }

    public static TheoryData<string> SimpleContentTypes => new() { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" };

    [Theory]
    [MemberData(nameof(SimpleContentTypes))]
    public async Task A_cross_site_form_post_is_refused(string contentType)
    {
        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Post("""{"query":"mutation { __typename }"}""", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task A_get_without_a_preflight_header_is_refused_as_cross_site()
    {
        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Get("{ __typename }", preflight: false).AsAgent());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("CSRF_PREVENTION", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    public static TheoryData<string?> NonDevelopers => new() { null, "customer", "partner", "agent" };

    [Theory]
    [MemberData(nameof(NonDevelopers))]
    public async Task Introspection_and_query_plans_are_closed_in_production_to_everyone_but_developers(string? role)
    {
        using var request = GraphQLHttp.PostQuery("{ __schema { types { name } } }");
        request.Headers.Add("UCE-Query-Plan", "true");
        if (role is not null)
        {
            request.WithToken(TestTokenIssuer.Default.CreateToken(role, customerId: role == "customer" ? "cus-000001" : null));
        }

        using var response = await _gateway.Client.SendAsync(request);
        var body = await response.ReadJsonAsync();

        Assert.Equal("INTROSPECTION_DISABLED", body.FirstErrorCode());
        Assert.DoesNotContain("queryPlan", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"Customer\"", body.ToJsonString(), StringComparison.Ordinal);
    }
}
