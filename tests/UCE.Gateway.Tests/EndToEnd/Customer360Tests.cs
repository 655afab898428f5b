using System.Net;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>The whole graph through the gateway, over the UCE subgraphs on PostgreSQL.</summary>
public sealed class Customer360Tests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    public const string Customer360Query = """
        query Customer360($id: ID!) {
          customer(id: $id) {
            id
            name
            email
            segment
            accounts {
              id
              number
              kind
              balance { amount currency }
              bills(first: 2) { nodes { id amountDue status } }
              usageSummary { highUsage current { kWh } }
            }
            serviceLocations {
              id
              city
              premiseId
              currentOutage { id status }
              outageHistory(first: 3) { id status }
              usageSummary(period: MONTH) { period highUsage current { kWh costEstimate } previous { kWh } }
            }
            enrollments { id status product { id name } }
            offers { id reason product { name } }
            communicationPreferences { preferences { channel topic optedIn } }
            notifications(first: 3) { id channel topic status }
            cases { id status category slaDueAt }
          }
        }
        """;

    [Fact]
    public async Task Customer_360_query_touching_every_subgraph_returns_what_each_owner_holds()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        const int index = 3;
        var customerId = DemoGraph.CustomerId(index);

        var response = await PostAsAgentAsync(gateway, Customer360Query, new { id = customerId });

        Assert.Null(response["errors"]);
        var customer = response["data"]!["customer"]!;
        Assert.Equal(customerId, customer["id"]!.GetValue<string>());
        var direct = await SubgraphClient.EntityAsync(subgraphs.Urls["customers"], "Customer", customerId, "name email segment");
        Assert.Equal(direct["name"]!.GetValue<string>(), customer["name"]!.GetValue<string>());
        Assert.Equal(direct["email"]!.GetValue<string>(), customer["email"]!.GetValue<string>());

        // Customer 3 has a regulated and a non-regulated account (every third customer has both).
        var accounts = customer["accounts"]!.AsArray();
        Assert.Equal(
            new[] { DemoGraph.RegulatedAccountId(index), DemoGraph.NonRegulatedAccountId(index) }.Order(),
            accounts.Select(a => a!["id"]!.GetValue<string>()).Order());
        foreach (var account in accounts)
        {
            var accountId = account!["id"]!.GetValue<string>();
            var owned = await SubgraphClient.EntityAsync(subgraphs.Urls["billing"], "Account", accountId, "balance { amount currency } bills(first: 2) { nodes { id amountDue status } }");
            Assert.True(JsonNode.DeepEquals(owned["balance"], account["balance"]), $"balance of {accountId}");
            Assert.True(JsonNode.DeepEquals(owned["bills"], account["bills"]), $"bills of {accountId}");
            var usage = await SubgraphClient.EntityAsync(subgraphs.Urls["usage"], "Account", accountId, "usageSummary { highUsage current { kWh } }");
            Assert.True(JsonNode.DeepEquals(usage["usageSummary"], account["usageSummary"]), $"usage of {accountId}");
        }

        var location = Assert.Single(customer["serviceLocations"]!.AsArray())!;
        Assert.Equal(DemoGraph.LocationId(index), location["id"]!.GetValue<string>());
        var outages = await SubgraphClient.EntityAsync(subgraphs.Urls["outages"], "ServiceLocation", DemoGraph.LocationId(index), "currentOutage { id status } outageHistory(first: 3) { id status }");
        Assert.True(JsonNode.DeepEquals(outages["currentOutage"], location["currentOutage"]));
        Assert.True(JsonNode.DeepEquals(outages["outageHistory"], location["outageHistory"]));
        var locationUsage = await SubgraphClient.EntityAsync(subgraphs.Urls["usage"], "ServiceLocation", DemoGraph.LocationId(index), "usageSummary(period: MONTH) { period highUsage current { kWh costEstimate } previous { kWh } }");
        Assert.True(JsonNode.DeepEquals(locationUsage["usageSummary"], location["usageSummary"]));

        var products = await SubgraphClient.EntityAsync(subgraphs.Urls["products"], "Customer", customerId, "enrollments { id status product { id name } } offers { id reason product { name } }");
        Assert.True(JsonNode.DeepEquals(products["enrollments"], customer["enrollments"]));
        Assert.True(JsonNode.DeepEquals(products["offers"], customer["offers"]));

        var communications = await SubgraphClient.EntityAsync(subgraphs.Urls["communications"], "Customer", customerId, "communicationPreferences { preferences { channel topic optedIn } } notifications(first: 3) { id channel topic status }");
        Assert.True(JsonNode.DeepEquals(communications["communicationPreferences"], customer["communicationPreferences"]));
        Assert.True(JsonNode.DeepEquals(communications["notifications"], customer["notifications"]));
        Assert.NotEmpty(customer["communicationPreferences"]!["preferences"]!.AsArray());

        var service = await SubgraphClient.EntityAsync(subgraphs.Urls["service"], "Customer", customerId, "cases { id status category slaDueAt }");
        Assert.True(JsonNode.DeepEquals(service["cases"], customer["cases"]));
        Assert.NotEmpty(customer["cases"]!.AsArray());
        Assert.Equal(7, subgraphs.Urls.Count);
    }

    [Fact]
    public async Task A_page_of_customers_fans_out_to_the_other_subgraphs_in_batches()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();

        var response = await PostAsAgentAsync(gateway, """
            { customers(first: 10) { edges { node { id accounts { id balance { amount } } serviceLocations { id currentOutage { id } } enrollments { id } } } } }
            """);

        Assert.Null(response["errors"]);
        var nodes = response["data"]!["customers"]!["edges"]!.AsArray().Select(edge => edge!["node"]!).ToList();
        Assert.Equal(10, nodes.Count);
        Assert.All(nodes, node => Assert.All(node["accounts"]!.AsArray(), account => Assert.NotNull(account!["balance"]!["amount"])));
    }

    [Fact]
    public async Task Accounts_at_the_locations_an_outage_affects_come_from_the_customers_subgraph()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();

        // Outages lists the affected locations; customers answers each location's accounts in one _entities fetch.
        var response = await PostAsAgentAsync(gateway, """
            {
              activeOutages(first: 1) { affectedLocations { id accounts { number } } }
              customer(id: "cus-000003") { serviceLocations { id accounts { number } } }
            }
            """);

        Assert.Null(response["errors"]);
        var locations = response["data"]!["activeOutages"]![0]!["affectedLocations"]!.AsArray();
        Assert.NotEmpty(locations);
        foreach (var location in locations)
        {
            var id = location!["id"]!.GetValue<string>();
            var owned = await SubgraphClient.EntityAsync(subgraphs.Urls["customers"], "ServiceLocation", id, "accounts { number }");
            Assert.True(JsonNode.DeepEquals(owned["accounts"], location["accounts"]), $"accounts at {id}");
            Assert.NotEmpty(location["accounts"]!.AsArray());
        }

        var own = Assert.Single(response["data"]!["customer"]!["serviceLocations"]!.AsArray())!;
        Assert.Equal(["1000000003", "2000000003"], own["accounts"]!.AsArray().Select(a => a!["number"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Query_plan_is_returned_on_request()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        // Query plans are off for everyone when a supergraph is configured, and open to agents with the developer scope.
        using var request = GraphQLHttp.PostQuery(Customer360Query, new { id = DemoGraph.CustomerId(1) }).AsAgent(scopes: "developer");
        request.Headers.Add("UCE-Query-Plan", "true");

        using var response = await gateway.Client.SendAsync(request);
        var plan = (await response.ReadJsonAsync())["extensions"]?["queryPlan"]?.ToString();

        Assert.NotNull(plan);
        foreach (var subgraph in subgraphs.Urls.Keys)
        {
            Assert.Contains(subgraph, plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_field_is_a_validation_error_and_no_subgraph_is_asked()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ customer(id: \"cus-000001\") { shoeSize } }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Introspection_is_answered_by_the_gateway_when_switched_on_and_refused_by_default()
    {
        await using var open = await subgraphs.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Introspection"] = "true" });
        await using var closed = await subgraphs.StartGatewayAsync();
        const string introspection = "{ __type(name: \"Customer\") { name } }";

        using var answered = await open.Client.SendAsync(GraphQLHttp.PostQuery(introspection));
        using var refused = await closed.Client.SendAsync(GraphQLHttp.PostQuery(introspection));

        Assert.Equal("Customer", (await answered.ReadJsonAsync())["data"]!["__type"]!["name"]!.GetValue<string>());
        Assert.Equal("INTROSPECTION_DISABLED", (await refused.ReadJsonAsync()).FirstErrorCode());
    }

    internal static async Task<JsonNode> PostAsAgentAsync(GatewayTestHost gateway, string query, object? variables = null)
    {
        using var request = GraphQLHttp.PostQuery(query, variables).AsAgent();
        using var response = await gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
