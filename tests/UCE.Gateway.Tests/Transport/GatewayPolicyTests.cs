using System.Net;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Transport;

/// <summary>Settings that change what <c>/graphql</c> lets through: forwarded headers, introspection, readiness.</summary>
public sealed class GatewayPolicyTests
{
    [Fact]
    public async Task Tracing_headers_are_forwarded_but_client_identity_headers_authorization_and_cookies_are_not()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting);
        using var request = GraphQLHttp.PostQuery("""
            { role: header(name: "X-UCE-Role") trace: header(name: "traceparent") auth: header(name: "Authorization") cookie: header(name: "Cookie") }
            """);
        request.Headers.Add("X-UCE-Role", "agent");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.Add("Cookie", "session=1");

        using var response = await host.Client.SendAsync(request);
        var data = (await response.ReadJsonAsync())["data"]!;

        Assert.Null(data["role"]);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", data["trace"]!.GetValue<string>());
        Assert.Null(data["auth"]);
        Assert.Null(data["cookie"]);
    }

    [Fact]
    public async Task Authorization_is_forwarded_when_switched_on()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: new Dictionary<string, string?> { ["Gateway:ForwardAuthorization"] = "true" });
        var token = TestTokenIssuer.Default.CreateToken();
        using var request = GraphQLHttp.PostQuery("""{ auth: header(name: "Authorization") }""").WithToken(token);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal("Bearer " + token, (await response.ReadJsonAsync())["data"]!["auth"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_identity_headers_are_dropped_even_when_the_allowlist_names_them()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: new Dictionary<string, string?>
        {
            ["Gateway:ForwardedHeaders:0"] = "X-UCE-*",
            ["Gateway:ForwardedHeaders:1"] = "X-UCE-Role",
            ["Gateway:ForwardedHeaders:2"] = "X-*",
        });
        using var request = GraphQLHttp.PostQuery("""{ role: header(name: "X-UCE-Role") other: header(name: "X-Other") }""");
        request.Headers.Add("X-UCE-Role", "agent");
        request.Headers.Add("X-Other", "yes");

        using var response = await host.Client.SendAsync(request);
        var data = (await response.ReadJsonAsync())["data"]!;

        Assert.Null(data["role"]);
        Assert.Equal("yes", data["other"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configured_allowlist_replaces_the_default_one()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: new Dictionary<string, string?>
        {
            ["Gateway:ForwardedHeaders:0"] = "X-Tenant",
        });
        using var request = GraphQLHttp.PostQuery("""{ tenant: header(name: "X-Tenant") other: header(name: "X-Other") }""");
        request.Headers.Add("X-Tenant", "north");
        request.Headers.Add("X-Other", "no");

        using var response = await host.Client.SendAsync(request);
        var data = (await response.ReadJsonAsync())["data"]!;

        Assert.Equal("north", data["tenant"]!.GetValue<string>());
        Assert.Null(data["other"]);
    }

    [Fact]
    public async Task Health_is_503_and_graphql_refuses_until_a_supergraph_file_appears()
    {
        await using var host = await GatewayTestHost.StartAsync(supergraphSdl: null);

        using var before = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var query = await host.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, query.StatusCode);
        Assert.Equal("SUPERGRAPH_NOT_LOADED", (await query.ReadJsonAsync()).FirstErrorCode());

        await host.ReplaceSupergraphAsync(TestSchemas.Greeting);

        await GatewayTestHost.WaitUntilAsync(
            async () => (await host.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "/health answers 200");
    }

    [Fact]
    public async Task Invalid_supergraph_at_start_leaves_the_gateway_unhealthy()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Invalid);

        using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
