using System.Diagnostics;
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

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopped_subgraph_yields_partial_data_with_errors_at_its_fields()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(Override("outages", FaultySubgraph.StoppedUrl()));

        var (status, body, _) = await SendAsync(gateway, CustomerWithOutageQuery);

        AssertPartialCustomerWithoutOutage(status, body);
    }

    [Fact]
    public async Task Subgraph_slower_than_its_timeout_yields_partial_data_within_the_timeout()
    {
        await using var slow = await FaultySubgraph.StartAsync(SubgraphFault.Slow);
        await using var gateway = await subgraphs.StartGatewayAsync(Override("outages", slow.Url, timeout: "00:00:00.500"));

        var (status, body, elapsed) = await SendAsync(gateway, CustomerWithOutageQuery);

        AssertPartialCustomerWithoutOutage(status, body);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"answered after {elapsed}");
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

        var (status, body, _) = await SendAsync(gateway, CustomerWithOutageQuery);

        AssertPartialCustomerWithoutOutage(status, body);
        Assert.True(faulty.Requests >= 1);
    }

    [Fact]
    public async Task Stopped_root_subgraph_nulls_only_its_root_field()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(Override("customers", FaultySubgraph.StoppedUrl()));

        var (status, body, _) = await SendAsync(gateway, """{ customer(id: "cus-000001") { id name } activeOutages(first: 5) { id } }""");

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

    private static async Task<(HttpStatusCode Status, JsonNode Body, TimeSpan Elapsed)> SendAsync(GatewayTestHost gateway, string query)
    {
        using var request = GraphQLHttp.PostQuery(query);
        request.Headers.Add("X-UCE-Role", "agent");
        using var deadline = new CancellationTokenSource(Bound);
        var watch = Stopwatch.StartNew();
        using var response = await gateway.Client.SendAsync(request, deadline.Token);
        var body = await response.ReadJsonAsync();
        return (response.StatusCode, body, watch.Elapsed);
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
