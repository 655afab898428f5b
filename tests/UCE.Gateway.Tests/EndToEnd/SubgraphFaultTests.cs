using System.Net;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>A subgraph that is down, too slow or answering garbage costs only its own fields.</summary>
public sealed class SubgraphFaultTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    // Outages owns ServiceLocation.currentOutage, a nullable field reached through an entity fetch:
    // when outages fails, only that field is lost.
    private const string CustomerWithOutageQuery = """
        { customer(id: "cus-000001") { id name accounts { id balance { amount } } serviceLocations { id city currentOutage { id status } } } }
        """;

    // How long a request may take before the test gives up on it: generous, since each test starts a gateway over six
    // subgraphs on PostgreSQL, and never what a test is about.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stopped_subgraph_yields_partial_data_with_errors_at_its_fields()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(Override("outages", FaultySubgraph.StoppedUrl()));

        var (status, body) = await SendAsync(gateway, CustomerWithOutageQuery);

        AssertPartialCustomerWithoutOutage(status, body);
    }

    [Fact]
    public async Task Subgraph_that_never_answers_yields_partial_data_once_its_timeout_passes()
    {
        // The subgraph holds every request until the gateway gives up on it, and the default timeout is out of reach:
        // an answer at all shows that outages' own timeout ended its request.
        await using var silent = await FaultySubgraph.StartAsync(SubgraphFault.Silent);
        var settings = Override("outages", silent.Url, timeout: "00:00:00.500");
        settings["Gateway:DefaultSubgraphTimeout"] = "01:00:00";
        await using var gateway = await subgraphs.StartGatewayAsync(settings);

        var (status, body) = await SendAsync(gateway, CustomerWithOutageQuery);

        AssertPartialCustomerWithoutOutage(status, body);
        Assert.Contains(body["errors"]!.AsArray(), error => error!["extensions"]?["code"]?.GetValue<string>() == "SUBGRAPH_TIMEOUT");
    }

    [Theory]
    [InlineData(SubgraphFault.HtmlPage)]
    [InlineData(SubgraphFault.TruncatedJson)]
    [InlineData(SubgraphFault.ServerError)]
    public async Task Subgraph_answering_garbage_yields_partial_data_with_errors(SubgraphFault fault)
    {
        await using var faulty = await FaultySubgraph.StartAsync(fault);
        await using var gateway = await subgraphs.StartGatewayAsync(Override("outages", faulty.Url));

        var (status, body) = await SendAsync(gateway, CustomerWithOutageQuery);

        AssertPartialCustomerWithoutOutage(status, body);
        Assert.True(faulty.Requests >= 1);
    }

    [Fact]
    public async Task Stopped_root_subgraph_nulls_only_its_root_field()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(Override("customers", FaultySubgraph.StoppedUrl()));

        var (status, body) = await SendAsync(gateway, """{ customer(id: "cus-000001") { id name } activeOutages(first: 5) { id } }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]!["customer"]);
        Assert.IsType<JsonArray>(body["data"]!["activeOutages"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("customers", error["extensions"]!["serviceName"]!.GetValue<string>());
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("""["customer"]""", error["path"]!.ToJsonString());
    }

    private static Dictionary<string, string?> Override(string subgraph, Uri url, string? timeout = null)
    {
        var settings = new Dictionary<string, string?> { [$"Gateway:Subgraphs:{subgraph}:Url"] = url.ToString() };
        if (timeout is not null)
        {
            settings[$"Gateway:Subgraphs:{subgraph}:Timeout"] = timeout;
        }

        return settings;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(GatewayTestHost gateway, string query)
    {
        using var request = GraphQLHttp.PostQuery(query);
        request.Headers.Add("X-UCE-Role", "agent");
        using var deadline = new CancellationTokenSource(Bound);
        using var response = await gateway.Client.SendAsync(request, deadline.Token);
        var body = await response.ReadJsonAsync();
        return (response.StatusCode, body);
    }

    private static void AssertPartialCustomerWithoutOutage(HttpStatusCode status, JsonNode body)
    {
        Assert.Equal(HttpStatusCode.OK, status);
        var customer = body["data"]!["customer"]!;
        Assert.Equal("cus-000001", customer["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(customer["name"]!.GetValue<string>()));
        Assert.All(customer["accounts"]!.AsArray(), account => Assert.NotNull(account!["balance"]));
        var location = Assert.Single(customer["serviceLocations"]!.AsArray())!;
        Assert.False(string.IsNullOrEmpty(location["city"]!.GetValue<string>()));
        Assert.Null(location["currentOutage"]);

        // The failed outages fetch should have filled one field on one entity: exactly one error, at that field.
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("""["customer","serviceLocations",0,"currentOutage"]""", error["path"]!.ToJsonString());
        Assert.Equal("outages", error["extensions"]!["serviceName"]!.GetValue<string>());
        Assert.Contains(error["extensions"]!["code"]!.GetValue<string>(), new[] { "SUBGRAPH_REQUEST_FAILED", "SUBGRAPH_TIMEOUT", "SUBGRAPH_INVALID_RESPONSE" });
    }
}
