using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using UCE.Gateway.Diagnostics;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Demo;

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

    // Customer 3 has a regulated and a non-regulated account (every third customer has both) and one service location.
    private const int Customer360Index = 3;

    // The whole 360 over six subgraphs on PostgreSQL, on a shared and busy machine: a bound, not an expectation.
    private static readonly TimeSpan Customer360Bound = TimeSpan.FromSeconds(60);

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

    /// <summary>The six subgraphs; customers owns the root field, the others contribute fields to its entities.</summary>
    public static TheoryData<string> EverySubgraph => new() { "customers", "billing", "usage", "outages", "products", "communications" };

    [Theory]
    [MemberData(nameof(EverySubgraph))]
    public async Task Customer_360_keeps_the_other_subgraphs_data_when_one_subgraph_is_stopped(string stopped)
    {
        var healthy = await HealthyCustomer360Async();
        await using var gateway = await subgraphs.StartGatewayAsync(Override(stopped, FaultySubgraph.StoppedUrl()));

        var response = await Customer360Async(gateway);

        AssertOnlyFieldsOfLost(stopped, healthy, response, "SUBGRAPH_REQUEST_FAILED");
    }

    [Theory]
    [MemberData(nameof(EverySubgraph))]
    public async Task Customer_360_keeps_the_other_subgraphs_data_when_one_subgraph_is_past_its_timeout(string slowSubgraph)
    {
        var healthy = await HealthyCustomer360Async();
        await using var slow = await FaultySubgraph.StartAsync(SubgraphFault.Silent);
        await using var gateway = await subgraphs.StartGatewayAsync(Override(slowSubgraph, slow.Url, timeout: "00:00:00.300"));

        var response = await Customer360Async(gateway);

        AssertOnlyFieldsOfLost(slowSubgraph, healthy, response, "SUBGRAPH_TIMEOUT");
        Assert.True(slow.Requests >= 1, "the slow subgraph was never asked");
    }

    [Fact]
    public async Task Stopped_subgraph_under_a_burst_of_requests_is_logged_once_as_a_warning_naming_subgraph_operation_and_reason()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await subgraphs.StartGatewayAsync(
            new Dictionary<string, string?>(Override("billing", FaultySubgraph.StoppedUrl())) { ["Gateway:SubgraphFailureLogInterval"] = "01:00:00" },
            logs.AttachTo);

        for (var i = 0; i < 10; i++)
        {
            var response = await Customer360Async(gateway);
            Assert.Contains(response["errors"]!.AsArray(), error => error!["extensions"]!["serviceName"]!.GetValue<string>() == "billing");
        }

        var line = Assert.Single(logs.From<SubgraphFetchFailureLog>());
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("billing", line.Value("Subgraph"));
        Assert.Equal("Customer360", line.Value("OperationName"));
        Assert.StartsWith("Customer360__billing__", line.Value("FetchOperationName"), StringComparison.Ordinal);
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", line.Value("Code"));
        Assert.Contains("HTTP fetch failed from 'billing'", line.Value("Reason"), StringComparison.Ordinal);
        Assert.Empty(logs.AtLeast(LogLevel.Error));
    }

    private async Task<JsonNode> HealthyCustomer360Async()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        return await Customer360Async(gateway);
    }

    /// <summary>The customer-360 answer for a customer with two accounts and one service location, as an agent.</summary>
    private static async Task<JsonNode> Customer360Async(GatewayTestHost gateway)
    {
        using var request = GraphQLHttp.PostQuery(Customer360Tests.Customer360Query, new { id = DemoGraph.CustomerId(Customer360Index) }).AsAgent();
        using var deadline = new CancellationTokenSource(Customer360Bound);
        using var response = await gateway.Client.SendAsync(request, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>
    /// The response is the healthy one with exactly the fields <paramref name="failed"/> resolves set to null, and one
    /// error at each of those paths, naming the subgraph and <paramref name="code"/>.
    /// </summary>
    private static void AssertOnlyFieldsOfLost(string failed, JsonNode healthy, JsonNode response, string code)
    {
        Assert.Null(healthy["errors"]);
        var customer = healthy["data"]!["customer"]!;
        Assert.Equal(2, customer["accounts"]!.AsArray().Count);
        Assert.Single(customer["serviceLocations"]!.AsArray());

        var lost = FieldsResolvedBy(failed, customer);
        var expected = healthy["data"]!.DeepClone();
        foreach (var path in lost)
        {
            var parent = path.SkipLast(1).Aggregate(expected, (node, segment) => segment is int i ? node[i]! : node[(string)segment]!);
            parent.AsObject()[(string)path[^1]] = null;
        }

        Assert.True(
            JsonNode.DeepEquals(expected, response["data"]),
            $"Without {failed}, data should be the healthy data minus its fields.\nexpected: {expected.ToJsonString()}\nactual:   {response["data"]?.ToJsonString()}");
        var errors = response["errors"]!.AsArray();
        Assert.Equal(
            lost.Select(PathJson).Order(StringComparer.Ordinal),
            errors.Select(error => error!["path"]?.ToJsonString() ?? "no path").Order(StringComparer.Ordinal));
        Assert.All(errors, error =>
        {
            Assert.Equal(failed, error!["extensions"]!["serviceName"]!.GetValue<string>());
            Assert.Equal(code, error["extensions"]!["code"]!.GetValue<string>());
        });
    }

    /// <summary>The client paths of the customer-360 query that <paramref name="subgraph"/> fills.</summary>
    private static List<object[]> FieldsResolvedBy(string subgraph, JsonNode customer)
    {
        var accounts = Enumerable.Range(0, customer["accounts"]!.AsArray().Count).ToList();
        var locations = Enumerable.Range(0, customer["serviceLocations"]!.AsArray().Count).ToList();
        return subgraph switch
        {
            // The root field: nothing else can be fetched without it.
            "customers" => [["customer"]],
            "billing" => [.. accounts.SelectMany(i => new object[][] { ["customer", "accounts", i, "balance"], ["customer", "accounts", i, "bills"] })],
            "usage" =>
            [
                .. accounts.Select(i => new object[] { "customer", "accounts", i, "usageSummary" }),
                .. locations.Select(i => new object[] { "customer", "serviceLocations", i, "usageSummary" }),
            ],
            "outages" => [.. locations.SelectMany(i => new object[][] { ["customer", "serviceLocations", i, "currentOutage"], ["customer", "serviceLocations", i, "outageHistory"] })],
            "products" => [["customer", "enrollments"], ["customer", "offers"]],
            "communications" => [["customer", "communicationPreferences"], ["customer", "notifications"]],
            _ => throw new ArgumentOutOfRangeException(nameof(subgraph), subgraph, "not a UCE subgraph"),
        };
    }

    private static string PathJson(object[] path) => new JsonArray([.. path.Select(segment => segment is int i ? JsonValue.Create(i) : (JsonNode)JsonValue.Create((string)segment))]).ToJsonString();

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
        using var request = GraphQLHttp.PostQuery(query).AsAgent();
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
