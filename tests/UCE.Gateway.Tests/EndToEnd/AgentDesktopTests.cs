using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// The agent desktop through the gateway over the seven UCE subgraphs on PostgreSQL: cases opened and worked, and next
/// best actions ranked from the service subgraph's cases and the facts billing, outages and products own.
/// </summary>
public sealed class AgentDesktopTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    public const string AgentDesktopQuery = """
        query AgentDesktop($id: ID!) {
          customer(id: $id) {
            id
            name
            accounts { number balance { amount } }
            cases { id subject status slaDueAt }
            nextBestActions { rank kind score title detail dueAt case { id subject customer { id name } } }
          }
        }
        """;

    [Fact]
    public async Task Next_best_actions_are_ranked_from_the_cases_and_the_facts_of_billing_outages_and_products()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var customerId = DemoGraph.CustomerId(1);
        var opened = await OpenNearSlaCaseAsync(gateway, customerId);

        var response = await EndToEnd.Customer360Tests.PostAsAgentAsync(gateway, AgentDesktopQuery, new { id = customerId });

        Assert.Null(response["errors"]);
        var customer = response["data"]!["customer"]!;
        var actions = customer["nextBestActions"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(Enumerable.Range(1, actions.Count), actions.Select(a => a["rank"]!.GetValue<int>()));
        var scores = actions.Select(a => a["score"]!.GetValue<int>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        // The case opened a moment ago is due in four hours; customer 1's feeder has an outage in progress.
        var first = actions[0];
        Assert.Equal("CASE_NEAR_SLA", first["kind"]!.GetValue<string>());
        Assert.Equal(opened, first["case"]!["id"]!.GetValue<string>());
        Assert.Equal(customer["name"]!.GetValue<string>(), first["case"]!["customer"]!["name"]!.GetValue<string>());

        var billing = await SubgraphClient.EntityAsync(subgraphs.Urls["billing"], "Customer", customerId, "overdueBalance");
        var outages = await SubgraphClient.EntityAsync(subgraphs.Urls["outages"], "Customer", customerId, "activeOutageCount");
        var products = await SubgraphClient.EntityAsync(subgraphs.Urls["products"], "Customer", customerId, "nextOfferExpiry");
        var kinds = actions.Select(a => a["kind"]!.GetValue<string>()).ToList();
        Assert.True(outages["activeOutageCount"]!.GetValue<int>() > 0);
        Assert.Equal("ACTIVE_OUTAGE", kinds[1]);
        Assert.Equal(billing["overdueBalance"]!.GetValue<double>() > 0, kinds.Contains("PAYMENT_ARRANGEMENT_OFFER"));
        var offerExpiry = products["nextOfferExpiry"]?.GetValue<DateTime>();
        Assert.Equal(offerExpiry is { } expiry && expiry - DateTime.UtcNow <= TimeSpan.FromDays(14), kinds.Contains("EXPIRING_OFFER"));
    }

    [Fact]
    public async Task The_gateway_plans_next_best_actions_after_the_facts_they_require()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        using var request = GraphQLHttp.PostQuery(AgentDesktopQuery, new { id = DemoGraph.CustomerId(2) }).AsAgent(scopes: "developer");
        request.Headers.Add("UCE-Query-Plan", "true");

        using var response = await gateway.Client.SendAsync(request);
        var body = await response.ReadJsonAsync();
        var plan = body["extensions"]?["queryPlan"]?.ToString();

        Assert.Null(body["errors"]);
        Assert.NotNull(plan);
        Assert.Contains("requires: { ... on Customer { __typename id overdueBalance activeOutageCount nextOfferExpiry } }", plan, StringComparison.Ordinal);
        var service = plan.IndexOf("Fetch(service: \"service\")", StringComparison.Ordinal);
        foreach (var owner in new[] { "...on Customer{overdueBalance}", "...on Customer{activeOutageCount}", "...on Customer{nextOfferExpiry}" })
        {
            var at = plan.IndexOf(owner, StringComparison.Ordinal);
            Assert.InRange(at, 0, service);
        }
    }

    [Fact]
    public async Task A_customer_opens_a_case_and_reads_it_without_internal_notes_and_never_another_customers()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var own = DemoGraph.CustomerId(5);
        var other = DemoGraph.CustomerId(6);

        var opened = await PostAsCustomerAsync(gateway, own, """
            mutation($id: ID!) { openCase(input: { customerId: $id, category: HIGH_BILL, subject: "Bill doubled", description: "My latest bill is twice the usual." }) { case { id status queue } } }
            """, new { id = own });
        Assert.Null(opened["errors"]);
        var caseId = opened["data"]!["openCase"]!["case"]!["id"]!.GetValue<string>();
        var note = await EndToEnd.Customer360Tests.PostAsAgentAsync(gateway, """
            mutation($id: ID!) { addCaseNote(input: { caseId: $id, body: "Customer sounds upset; check the meter first." }) { note { visibility } } }
            """, new { id = caseId });
        Assert.Equal("INTERNAL", note["data"]!["addCaseNote"]!["note"]!["visibility"]!.GetValue<string>());

        var mine = await PostAsCustomerAsync(gateway, own, "query($id: ID!) { customer(id: $id) { cases { id notes { body } } } }", new { id = own });
        var theirs = await PostAsCustomerAsync(gateway, own, "query($id: ID!) { customer(id: $id) { cases { id } } }", new { id = other });

        Assert.Null(mine["errors"]);
        var read = mine["data"]!["customer"]!["cases"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == caseId)!;
        Assert.Empty(read["notes"]!.AsArray());
        Assert.Equal("FORBIDDEN", theirs.FirstErrorCode());
        Assert.DoesNotContain("cas-000006", theirs.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<string> OpenNearSlaCaseAsync(GatewayTestHost gateway, string customerId)
    {
        var response = await EndToEnd.Customer360Tests.PostAsAgentAsync(gateway, """
            mutation($id: ID!) { openCase(input: { customerId: $id, category: OUTAGE, subject: "No power since this morning", description: "The whole street is dark.", priority: HIGH }) { case { id slaDueAt } } }
            """, new { id = customerId });
        Assert.Null(response["errors"]);
        return response["data"]!["openCase"]!["case"]!["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode> PostAsCustomerAsync(GatewayTestHost gateway, string customerId, string query, object variables)
    {
        using var request = GraphQLHttp.PostQuery(query, variables).WithToken(TestTokenIssuer.Default.CreateToken("customer", customerId: customerId));
        using var response = await gateway.Client.SendAsync(request);
        return await response.ReadJsonAsync();
    }
}
