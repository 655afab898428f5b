using System.Net;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// A customer onboarded through the gateway becomes known to every subgraph through the customers outbox and the directory
/// stream: their new account can be paid into (billing), their premises can report an outage (outages), they have
/// communication preferences (communications) and can enroll (products) — and a redelivered event changes nothing.
/// </summary>
public sealed class CustomerDirectoryTests(SharedStreamSubgraphsFixture subgraphs) : IClassFixture<SharedStreamSubgraphsFixture>
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);

    private const string Onboard = """
        mutation($key: String!) {
          onboardCustomer(input: {
            name: "Marisol Okafor", email: "marisol.okafor@example.com", phone: "+15555550142",
            serviceAddress: { line1: "41 Kiln Street", city: "Madison", state: "WI", postalCode: "53711" },
            startOn: "TODAY", idempotencyKey: $key
          }) { customer { id accounts { id number status } serviceLocations { id } } }
        }
        """;

    private const string Pay = """
        mutation($account: ID!, $key: String!) {
          makePayment(input: { accountId: $account, amount: 42.00, method: CARD, idempotencyKey: $key }) { payment { id } }
        }
        """;

    private const string Report = """
        mutation($location: ID!) { reportOutage(input: { serviceLocationId: $location, description: "Everything went dark." }) { __typename } }
        """;

    private const string Preferences = """
        query($id: ID!) { customer(id: $id) { communicationPreferences { preferences { channel topic optedIn } } } }
        """;

    private const string Products = "{ products { id } }";

    private const string Enroll = """
        mutation($customer: ID!, $product: ID!) { enroll(input: { customerId: $customer, productId: $product }) { __typename } }
        """;

    [Fact]
    public async Task An_onboarded_customer_can_pay_report_an_outage_be_messaged_and_enroll_and_a_redelivered_event_changes_nothing()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var agent = TestTokenIssuer.Default.CreateToken("agent", subject: "agent-directory");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var onboarded = await PostAsync(gateway, agent, Onboard.Replace("TODAY", today, StringComparison.Ordinal), new { key = $"e2e-{Guid.NewGuid():N}" });
        Assert.Null(onboarded["errors"]);
        var customer = onboarded["data"]!["onboardCustomer"]!["customer"]!;
        var customerId = customer["id"]!.GetValue<string>();
        var account = Assert.Single(customer["accounts"]!.AsArray())!;
        Assert.Equal("ACTIVE", account["status"]!.GetValue<string>());
        var accountId = account["id"]!.GetValue<string>();
        var locationId = Assert.Single(customer["serviceLocations"]!.AsArray())!["id"]!.GetValue<string>();
        var own = TestTokenIssuer.Default.CreateToken("customer", customerId: customerId, subject: customerId);

        // Billing: the new account takes a payment (ACCOUNT_NOT_FOUND until the event arrives; a refused payment writes nothing).
        await GatewayTestHost.WaitUntilAsync(
            async () => (await PostAsync(gateway, own, Pay, new { account = accountId, key = $"e2e-{Guid.NewGuid():N}" }))["errors"] is null,
            WaitBound, "the new account takes a payment");

        // Outages: the new premises are on the grid.
        await GatewayTestHost.WaitUntilAsync(
            async () => (await PostAsync(gateway, own, Report, new { location = locationId }))["errors"] is null,
            WaitBound, "an outage can be reported at the new premises");

        // Communications: the default preferences, SMS included since there is a phone number.
        await GatewayTestHost.WaitUntilAsync(
            async () => (await PostAsync(gateway, agent, Preferences, new { id = customerId }))["data"]?["customer"]?["communicationPreferences"] is JsonObject,
            WaitBound, "the new customer has communication preferences");
        var preferences = (await PostAsync(gateway, agent, Preferences, new { id = customerId }))["data"]!["customer"]!["communicationPreferences"]!["preferences"]!.AsArray();
        Assert.Contains(preferences, p => p!["channel"]!.GetValue<string>() == "SMS" && p["topic"]!.GetValue<string>() == "OUTAGE" && p["optedIn"]!.GetValue<bool>());

        // Products: the new customer may enroll.
        var products = (await PostAsync(gateway, agent, Products, new { }))["data"]!["products"]!.AsArray();
        var product = products[0]!["id"]!.GetValue<string>();
        await GatewayTestHost.WaitUntilAsync(
            async () => (await PostAsync(gateway, own, Enroll, new { customer = customerId, product }))["errors"] is null,
            WaitBound, "the new customer can enroll");

        // The account-opened entry once more, as a relay restart would bring it: no subgraph applies it twice, none dead-letters it.
        var stream = subgraphs.SharedEventStream!;
        var entries = await stream.RangeAsync("uce:directory", 10_000);
        var opened = Assert.Single(entries, entry => DirectoryEvent.Read(entry.Field(OutboxMessage.PayloadField)) is { Type: DirectoryEventTypes.AccountOpened } e && e.Account!.Id == accountId);
        await stream.AddAsync("uce:directory", opened.Fields);
        await GatewayTestHost.WaitUntilAsync(
            async () => (await PostAsync(gateway, own, Pay, new { account = accountId, key = $"e2e-{Guid.NewGuid():N}" }))["errors"] is null,
            WaitBound, "a second payment goes through");
        foreach (var group in new[] { "billing", "usage", "outages", "products", "communications" })
        {
            Assert.Empty(await stream.RangeAsync($"uce:directory:{group}:dead", 10));
        }
    }

    private static async Task<JsonNode> PostAsync(GatewayTestHost gateway, string token, string query, object variables)
    {
        using var request = GraphQLHttp.PostQuery(query, variables).WithToken(token);
        using var response = await gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
