using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Engine;
using UCE.Gateway.Tests.Support;
using UCE.Outages.Events;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// Federated subscriptions through the gateway, over WebSocket and server-sent events: the root field is subscribed on the
/// outages subgraph and every event runs the rest of the plan against the other subgraphs.
/// </summary>
public sealed class SubscriptionTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    private static readonly string[] Statuses = ["REPORTED", "CONFIRMED", "CREW_DISPATCHED", "RESTORING", "RESTORED"];

    private const string StatusChanged = """
        subscription($id: ID!) {
          outageStatusChanged(outageId: $id) {
            id status estimatedRestorationAt
            affectedLocations {
              id line1 city
              accounts { number customer { name communicationPreferences { preferences { channel topic optedIn } } } }
            }
          }
        }
        """;

    private OutageChangeFeed Feed => subgraphs.Service<OutageChangeFeed>("outages");

    [Fact]
    public async Task A_status_change_reaches_a_WebSocket_subscriber_with_the_other_subgraphs_fields()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        var (outageId, next) = await OutageToMoveAsync(gateway, 0);
        await using var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));
        var listening = Feed.ListenerCount;

        await client.SubscribeAsync("s1", StatusChanged, new { id = outageId });
        await WaitForListenersAsync(listening + 1);
        await MoveAsync(gateway, outageId, next);
        var message = await client.ReceiveAsync();

        Assert.Equal("next", message.GetProperty("type").GetString());
        Assert.Equal("s1", message.GetProperty("id").GetString());
        var payload = JsonNode.Parse(message.GetProperty("payload").GetRawText())!;
        Assert.Null(payload["errors"]);
        var outage = payload["data"]!["outageStatusChanged"]!;
        Assert.Equal(outageId, outage["id"]!.GetValue<string>());
        Assert.Equal(next, outage["status"]!.GetValue<string>());
        var locations = outage["affectedLocations"]!.AsArray();
        Assert.NotEmpty(locations);

        // line1, city and accounts come from the customers subgraph, preferences from communications, fetched for this event.
        Assert.All(locations, location => Assert.False(string.IsNullOrWhiteSpace(location!["line1"]!.GetValue<string>())));
        var accounts = locations.SelectMany(location => location!["accounts"]!.AsArray()).ToList();
        Assert.NotEmpty(accounts);
        Assert.All(accounts, account =>
        {
            Assert.False(string.IsNullOrWhiteSpace(account!["customer"]!["name"]!.GetValue<string>()));
            Assert.NotEmpty(account["customer"]!["communicationPreferences"]!["preferences"]!.AsArray());
        });

        await client.SendAsync(new { id = "s1", type = "complete" });
        await WaitForListenersAsync(listening);
    }

    [Fact]
    public async Task A_status_change_reaches_a_server_sent_events_subscriber()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        var (outageId, status) = await ActiveOutageAsync(gateway, 0);
        var listening = Feed.ListenerCount;
        using var timeout = new CancellationTokenSource(GatewayWebSocketClient.Timeout);
        var subscribe = GraphQLHttp.PostQuery(StatusChanged, new { id = outageId }, accept: "text/event-stream").WithToken(TestTokenIssuer.Default.CreateToken("agent"));

        using var response = await gateway.Client.SendAsync(subscribe, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await WaitForListenersAsync(listening + 1);
        var estimate = await MoveAsync(gateway, outageId, status);
        var (name, data) = await ReadEventAsync(reader, timeout.Token);

        Assert.Equal("next", name);
        var payload = JsonNode.Parse(data)!;
        Assert.Null(payload["errors"]);
        Assert.Equal(status, payload["data"]!["outageStatusChanged"]!["status"]!.GetValue<string>());
        Assert.Equal(estimate, payload["data"]!["outageStatusChanged"]!["estimatedRestorationAt"]!.GetValue<DateTimeOffset>());
        Assert.NotEmpty(payload["data"]!["outageStatusChanged"]!["affectedLocations"]!.AsArray());

        // Closing the stream ends the upstream subscription.
        response.Dispose();
        await WaitForListenersAsync(listening);
    }

    [Fact]
    public async Task Subscribers_asking_for_the_same_thing_share_one_upstream_subscription_until_the_last_leaves()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        var (outageId, status) = await ActiveOutageAsync(gateway, 0);
        var token = TestTokenIssuer.Default.CreateToken("agent", subject: "agent-7");
        await using var first = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await using var second = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await first.InitAsync(token);
        await second.InitAsync(token);
        var listening = Feed.ListenerCount;
        var engine = (FederatedGateway)gateway.Active.Current!.Engine;

        await first.SubscribeAsync("a", StatusChanged, new { id = outageId });
        await second.SubscribeAsync("b", StatusChanged, new { id = outageId });
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(engine.SubscriptionStatistics.Subscribers == 2), GatewayWebSocketClient.Timeout, "both clients subscribed");
        await WaitForListenersAsync(listening + 1);
        Assert.Equal((1, 2), engine.SubscriptionStatistics);
        await MoveAsync(gateway, outageId, status);
        var one = await first.ReceiveAsync();
        var two = await second.ReceiveAsync();

        Assert.Equal("a", one.GetProperty("id").GetString());
        Assert.Equal("b", two.GetProperty("id").GetString());
        Assert.Equal(one.GetProperty("payload").GetRawText(), two.GetProperty("payload").GetRawText());
        Assert.Equal(listening + 1, Feed.ListenerCount);

        await first.SendAsync(new { id = "a", type = "complete" });
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(engine.SubscriptionStatistics.Subscribers == 1), GatewayWebSocketClient.Timeout, "the first client left");
        Assert.Equal(listening + 1, Feed.ListenerCount);
        await second.SendAsync(new { id = "b", type = "complete" });
        await WaitForListenersAsync(listening);
        // The gateway forgets the shared subscription once the upstream one has ended, which may be just after the subgraph.
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(engine.SubscriptionStatistics == (0, 0)), GatewayWebSocketClient.Timeout, "the gateway dropped the shared subscription");
    }

    [Fact]
    public async Task A_subscription_that_fails_validation_answers_the_protocols_error_message()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        await using var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));

        await client.SubscribeAsync("bad", "subscription { outageStatusChanged(outageId: \"x\") { noSuchField } }");
        var error = await client.ReceiveAsync();

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.Contains("noSuchField", error.GetProperty("payload")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_the_caller_may_not_make_ends_with_an_error_never_silently()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        await using var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await client.InitAsync(token: null);

        await client.SubscribeAsync("anon", "subscription { myOutageUpdates { id status } }");
        var refused = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", refused.GetProperty("type").GetString());
        var payload = JsonNode.Parse(refused.GetProperty("payload").GetRawText())!;
        Assert.Null(payload["data"]);
        Assert.Equal("UNAUTHORIZED_FIELD_OR_TYPE", payload["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Queries_and_mutations_run_over_the_WebSocket_too()
    {
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        await using var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
        await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent"));

        await client.SubscribeAsync("q", "{ activeOutages(first: 1) { id affectedLocations { city } } }");
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal(1, next.GetProperty("payload").GetProperty("data").GetProperty("activeOutages").GetArrayLength());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_subscription_without_a_valid_token_is_refused_before_the_stream_opens()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var subscribe = GraphQLHttp.PostQuery("subscription { outageStatusChanged(outageId: \"x\") { id } }", accept: "text/event-stream");
        subscribe.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await gateway.Client.SendAsync(subscribe);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The <paramref name="index"/>-th active outage that can still move, and the status it moves to next.</summary>
    private static async Task<(string OutageId, string Next)> OutageToMoveAsync(GatewayTestHost gateway, int index)
    {
        var active = await Customer360Tests.PostAsAgentAsync(gateway, "{ activeOutages(first: 50) { id status } }");
        var movable = active["data"]!["activeOutages"]!.AsArray()
            .Where(outage => Array.IndexOf(Statuses, outage!["status"]!.GetValue<string>()) < Statuses.Length - 1)
            .ToList();
        var outage = movable[index];
        return (outage!["id"]!.GetValue<string>(), Statuses[Array.IndexOf(Statuses, outage["status"]!.GetValue<string>()) + 1]);
    }

    /// <summary>The <paramref name="index"/>-th active outage (most recent first) and its status.</summary>
    private static async Task<(string OutageId, string Status)> ActiveOutageAsync(GatewayTestHost gateway, int index)
    {
        var active = await Customer360Tests.PostAsAgentAsync(gateway, "{ activeOutages(first: 50) { id status } }");
        var outage = active["data"]!["activeOutages"]![index]!;
        return (outage["id"]!.GetValue<string>(), outage["status"]!.GetValue<string>());
    }

    /// <summary>Moves the outage to <paramref name="status"/> (its own status: a new restoration estimate) as an agent; the estimate set.</summary>
    private static async Task<DateTimeOffset> MoveAsync(GatewayTestHost gateway, string outageId, string status)
    {
        var estimate = new DateTimeOffset(DateTime.UtcNow.AddHours(3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var moved = await Customer360Tests.PostAsAgentAsync(
            gateway,
            "mutation($input: UpdateOutageStatusInput!) { updateOutageStatus(input: $input) { outage { id status } } }",
            new { input = new { outageId, status, estimatedRestorationAt = estimate } });
        Assert.Null(moved["errors"]);
        return estimate;
    }

    private Task WaitForListenersAsync(int count) =>
        GatewayTestHost.WaitUntilAsync(() => Task.FromResult(Feed.ListenerCount == count), GatewayWebSocketClient.Timeout, $"the outages subgraph has {count} subscription listeners");

    internal static async Task<(string Name, string Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        var data = string.Empty;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && name is not null)
            {
                return (name, data);
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data += line[5..].TrimStart();
            }
        }

        throw new InvalidOperationException("The event stream ended before an event.");
    }
}
