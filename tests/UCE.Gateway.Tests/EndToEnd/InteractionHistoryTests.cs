using System.Net;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>The UCE subgraphs meeting on one in-process event stream, as the embedded default runs them.</summary>
public sealed class SharedStreamSubgraphsFixture : UceSubgraphsFixture
{
    private readonly InProcessEventStream stream = new(TimeProvider.System);

    public override IEventStream? SharedEventStream => stream;
}

/// <summary>
/// The interaction history writes itself: a payment made through the gateway reaches <c>Customer.interactions</c> through
/// billing's outbox, the interaction stream and the customers consumer, once, even when its stream entry is delivered again.
/// </summary>
public sealed class InteractionHistoryTests(SharedStreamSubgraphsFixture subgraphs) : IClassFixture<SharedStreamSubgraphsFixture>
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);

    private const string Pay = """
        mutation($account: ID!, $key: String!) {
          makePayment(input: { accountId: $account, amount: 15.75, method: CARD, idempotencyKey: $key }) { payment { id } }
        }
        """;

    private const string History = """
        query($id: ID!) { customer(id: $id) { interactions { id eventType channel source summary subject { type id } } } }
        """;

    [Fact]
    public async Task A_payment_through_the_gateway_appears_once_in_the_customers_interactions_even_when_its_event_is_delivered_twice()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var customer = DemoGraph.CustomerId(6);
        var token = TestTokenIssuer.Default.CreateToken("customer", customerId: customer);

        var first = await PayAsync(gateway, token, DemoGraph.RegulatedAccountId(6));
        await GatewayTestHost.WaitUntilAsync(async () => (await PaymentInteractionsAsync(gateway, token, customer, first)).Count == 1, WaitBound, "the payment is in the history");

        // The same stream entry again, as a redelivery after a relay restart would bring it.
        var stream = subgraphs.SharedEventStream!;
        var entries = await stream.RangeAsync("uce:interactions", 10_000);
        var original = Assert.Single(entries, entry => InteractionEvent.Read(entry.Field(OutboxMessage.PayloadField))?.SubjectId == first);
        await stream.AddAsync("uce:interactions", original.Fields);

        // A second payment after it: once it is in the history, the consumer has handled the redelivered entry before it.
        var second = await PayAsync(gateway, token, DemoGraph.RegulatedAccountId(6));
        await GatewayTestHost.WaitUntilAsync(async () => (await PaymentInteractionsAsync(gateway, token, customer, second)).Count == 1, WaitBound, "the second payment is in the history");

        var recorded = Assert.Single(await PaymentInteractionsAsync(gateway, token, customer, first));
        Assert.Equal("PAYMENT_MADE", recorded["eventType"]!.GetValue<string>());
        Assert.Equal("WEB", recorded["channel"]!.GetValue<string>());
        Assert.Equal("billing", recorded["source"]!.GetValue<string>());
        Assert.Equal("Payment", recorded["subject"]!["type"]!.GetValue<string>());
        Assert.StartsWith("Paid 15.75 USD by card", recorded["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await stream.RangeAsync("uce:interactions:customers:dead", 10));
    }

    private static async Task<string> PayAsync(GatewayTestHost gateway, string token, string account)
    {
        var response = await PostAsync(gateway, token, Pay, new { account, key = $"e2e-{Guid.NewGuid():N}" });
        Assert.Null(response["errors"]);
        return response["data"]!["makePayment"]!["payment"]!["id"]!.GetValue<string>();
    }

    private static async Task<List<JsonNode>> PaymentInteractionsAsync(GatewayTestHost gateway, string token, string customer, string paymentId)
    {
        var response = await PostAsync(gateway, token, History, new { id = customer });
        Assert.Null(response["errors"]);
        return [.. response["data"]!["customer"]!["interactions"]!.AsArray()
            .Where(node => node!["subject"] is JsonObject subject && subject["id"]!.GetValue<string>() == paymentId)
            .Select(node => node!)];
    }

    private static async Task<JsonNode> PostAsync(GatewayTestHost gateway, string token, string query, object variables)
    {
        using var request = GraphQLHttp.PostQuery(query, variables).WithToken(token);
        using var response = await gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
