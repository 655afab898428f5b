using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>graphql-transport-ws on <c>/graphql</c> over a real socket: the protocol, its close codes, identity and limits.</summary>
public sealed class WebSocketSubscriptionTests(SubscriptionHostFixture fixture) : IClassFixture<SubscriptionHostFixture>, IAsyncLifetime
{
    private const string WidgetRenamed = "subscription { widgetRenamed { id name parts { id } } }";

    private SampleEvents Events => fixture.Events;

    // Tests of one class run one after another; each starts once the previous one's subscriptions are gone.
    public Task InitializeAsync() => Task.WhenAll(
        Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0),
        Events.StaffAlerts.WaitForSubscribersAsync(count => count == 0),
        Events.Notices.WaitForSubscribersAsync(count => count == 0));

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<GraphQLWebSocketClient> ConnectAsync() => GraphQLWebSocketClient.ConnectAsync(fixture.Address);

    private static Widget Renamed(string id, string name) => new() { Id = id, Name = name };

    [Fact]
    public async Task A_subscription_receives_each_event_with_fields_resolved_per_event_until_the_client_completes_it()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SubscribeAsync("w", WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        Events.WidgetRenamed.Publish(Renamed("w-005", "Gadget"));
        Events.WidgetRenamed.Publish(Renamed("w-007", "Gizmo"));
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();

        Assert.Equal("next", first.GetProperty("type").GetString());
        Assert.Equal("w", first.GetProperty("id").GetString());
        var widget = first.GetProperty("payload").GetProperty("data").GetProperty("widgetRenamed");
        Assert.Equal("Gadget", widget.GetProperty("name").GetString());
        Assert.Equal(3, widget.GetProperty("parts").GetArrayLength());
        Assert.Equal("Gizmo", second.GetProperty("payload").GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());

        await client.SendAsync(new { id = "w", type = "complete" });
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0);
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_message_of_an_operation_carries_its_id_exactly_however_it_is_spelt()
    {
        const string id = "w \"quoted\" \\ ü \u2028 <next>";
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SubscribeAsync(id, WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        Events.WidgetRenamed.Publish(Renamed("w-005", "Gadget"));
        Events.WidgetRenamed.Publish(Renamed("w-007", "Gizmo"));
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();

        foreach (var (message, name) in new[] { (first, "Gadget"), (second, "Gizmo") })
        {
            Assert.Equal(["id", "type", "payload"], message.EnumerateObject().Select(property => property.Name));
            Assert.Equal(id, message.GetProperty("id").GetString());
            Assert.Equal("next", message.GetProperty("type").GetString());
            Assert.Equal(name, message.GetProperty("payload").GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());
        }

        await client.SendAsync(new { id, type = "complete" });
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0);
    }

    [Fact]
    public async Task The_end_of_the_source_stream_completes_the_operation()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SubscribeAsync("done", WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        Events.WidgetRenamed.CompleteAll();
        var complete = await client.ReceiveAsync();

        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("done", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_query_and_a_mutation_over_subscribe_answer_one_next_and_a_complete()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SubscribeAsync("q", "{ widget(id: \"w-002\") { name } }");
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        await client.SubscribeAsync("m", "mutation { renameWidget(id: \"w-039\", name: \"Over a socket\") { name } }");
        var mutated = await client.ReceiveAsync();

        Assert.False(mutated.GetProperty("payload").TryGetProperty("errors", out _), mutated.GetRawText());
        Assert.Equal("Widget 2", next.GetProperty("payload").GetProperty("data").GetProperty("widget").GetProperty("name").GetString());
        Assert.Equal(("complete", "q"), (complete.GetProperty("type").GetString(), complete.GetProperty("id").GetString()));
        Assert.Equal("Over a socket", mutated.GetProperty("payload").GetProperty("data").GetProperty("renameWidget").GetProperty("name").GetString());
        Assert.Equal("complete", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_operation_runs_as_the_identity_proven_in_connection_init()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync(TestCallers.Customer("cus-000042"));

        await client.SubscribeAsync("c", "{ caller { role customerId } }");
        var caller = (await client.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("caller");

        Assert.Equal("CUSTOMER", caller.GetProperty("role").GetString());
        Assert.Equal("cus-000042", caller.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task A_document_that_does_not_validate_answers_an_error_message_and_the_connection_stays_open()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SubscribeAsync("bad", "subscription { widgetRenamed { nope } }");
        var error = await client.ReceiveAsync();
        await client.SubscribeAsync("bad", "{ widget(id: \"w-001\") { name } }");

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("next", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_subscription_the_caller_may_not_use_is_refused_before_its_source_is_opened()
    {
        var opened = Events.StaffAlerts.Subscriptions;
        await using var customer = await ConnectAsync();
        await customer.InitAsync(TestCallers.Customer("cus-000001"));

        await customer.SubscribeAsync("s", "subscription { staffAlerts }");
        var refused = await customer.ReceiveAsync();
        await customer.SubscribeAsync("u", "subscription { unruled }");
        var unruled = await customer.ReceiveAsync();

        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("FORBIDDEN", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("FORBIDDEN", unruled.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(opened, Events.StaffAlerts.Subscriptions);

        await using var agent = await ConnectAsync();
        await agent.InitAsync(TestCallers.Agent);
        await agent.SubscribeAsync("s", "subscription { staffAlerts }");
        await Events.StaffAlerts.WaitForSubscribersAsync(count => count == 1);
        Events.StaffAlerts.Publish("storm warning");
        Assert.Equal("storm warning", (await agent.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("staffAlerts").GetString());
    }

    [Fact]
    public async Task Type_rules_decide_each_event_a_subscriber_receives()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync(TestCallers.Customer("cus-000001"));
        await client.SubscribeAsync("n", "subscription { notices { customerId text } }");
        await Events.Notices.WaitForSubscribersAsync(count => count == 1);

        Events.Notices.Publish(new Notice("cus-000001", "yours"));
        var own = (await client.ReceiveAsync()).GetProperty("payload");
        Events.Notices.Publish(new Notice("cus-000002", "someone else's"));
        var other = (await client.ReceiveAsync()).GetProperty("payload");

        Assert.Equal("yours", own.GetProperty("data").GetProperty("notices").GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("data").GetProperty("notices").ValueKind);
        Assert.Equal("FORBIDDEN", other.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("someone else", other.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_pings_and_answers_pings()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        var ping = await client.ReceiveAsync(includePings: true);
        await client.SendAsync(new { type = "pong" });
        await client.SendAsync(new { type = "ping", payload = new { at = 1 } });

        Assert.Equal("ping", ping.GetProperty("type").GetString());
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Subscribe_before_connection_init_closes_with_4401()
    {
        await using var client = await ConnectAsync();

        await client.SubscribeAsync("early", WidgetRenamed);

        Assert.Equal((4401, "Unauthorized"), await client.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"type":"launch"}""")]
    [InlineData("""{"type":"next","id":"1","payload":{}}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ widgets { id } }"}}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":42}}""")]
    [InlineData("""{"type":"subscribe","id":"1"}""")]
    public async Task A_message_that_is_not_a_valid_protocol_message_closes_with_4400(string frame)
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SendTextAsync(frame);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_message_sent_in_many_frames_and_larger_than_the_first_receive_buffer_is_read_whole()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        // 40 KiB of insignificant white space in 1,000-byte frames: the receive buffer grows while the message arrives.
        var message = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = "big", type = "subscribe", payload = new { query = WidgetRenamed + new string(' ', 40 * 1024) } }));

        for (var offset = 0; offset < message.Length; offset += 1000)
        {
            var length = Math.Min(1000, message.Length - offset);
            await client.Socket.SendAsync(message.AsMemory(offset, length), WebSocketMessageType.Text, endOfMessage: offset + length == message.Length, CancellationToken.None);
        }

        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);
        Events.WidgetRenamed.Publish(Renamed("w-005", "Gadget"));
        var next = await client.ReceiveAsync();

        Assert.Equal("big", next.GetProperty("id").GetString());
        Assert.Equal("Gadget", next.GetProperty("payload").GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SendTextAsync(JsonSerializer.Serialize(new { type = "ping", padding = new string('x', SubscriptionHostFixture.MaxMessageBytes) }));

        var close = await client.ReceiveCloseAsync();
        Assert.Equal(1009, close.Code);
        Assert.Contains(SubscriptionHostFixture.MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), close.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_frame_is_not_a_protocol_message_and_closes_with_4400()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SendTextAsync("");

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_binary_frame_closes_with_4400()
    {
        await using var client = await ConnectAsync();

        await client.SendTextAsync("""{"type":"ping"}""", WebSocketMessageType.Binary);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task No_connection_init_within_the_timeout_closes_with_4408()
    {
        await using var client = await ConnectAsync();

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4408, code);
        Assert.Equal("Connection initialisation timeout", reason);
    }

    [Fact]
    public async Task A_second_subscribe_with_a_running_id_closes_with_4409()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SubscribeAsync("dup", WidgetRenamed);
        await client.SubscribeAsync("dup", WidgetRenamed);

        Assert.Equal((4409, "Subscriber for dup already exists"), await client.ReceiveCloseAsync());
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0);
    }

    [Fact]
    public async Task An_id_may_be_used_again_once_its_operation_completed()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        for (var i = 0; i < 2; i++)
        {
            await client.SubscribeAsync("again", "{ widget(id: \"w-001\") { id } }");
            Assert.Equal("next", (await client.ReceiveAsync()).GetProperty("type").GetString());
            Assert.Equal("complete", (await client.ReceiveAsync()).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();

        await client.SendAsync(new { type = "connection_init", payload = GraphQLWebSocketClient.InitPayload(CallerIdentity.Anonymous, client.Nonce) });

        Assert.Equal((4429, "Too many initialisation requests"), await client.ReceiveCloseAsync());
    }

    public static TheoryData<string> RefusedInits => ["no payload", "no signature", "unknown key", "stale", "forged role", "another connection's nonce"];

    [Theory]
    [MemberData(nameof(RefusedInits))]
    public async Task A_connection_init_without_a_valid_gateway_signature_for_this_connection_closes_with_4403(string refusal)
    {
        await using var other = await ConnectAsync();
        await using var client = await ConnectAsync();
        var agent = TestCallers.Agent;
        object? payload = refusal switch
        {
            "no payload" => null,
            "no signature" => new { headers = agent.ToHeaders().ToDictionary(h => h.Key, h => h.Value) },
            "unknown key" => GraphQLWebSocketClient.InitPayload(agent, client.Nonce, key: new IdentitySigningKey("other", Encoding.UTF8.GetBytes("another-key-another-key-another-k"))),
            "stale" => GraphQLWebSocketClient.InitPayload(agent, client.Nonce, at: DateTimeOffset.UtcNow.AddMinutes(-2)),
            "forged role" => Forge(GraphQLWebSocketClient.InitPayload(TestCallers.Customer("cus-000001"), client.Nonce), IdentityHeaders.Role, "agent"),
            _ => GraphQLWebSocketClient.InitPayload(agent, other.Nonce),
        };

        await client.SendAsync(new { type = "connection_init", payload });

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4403, code);
        Assert.StartsWith("Forbidden", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_connection_gets_its_own_nonce()
    {
        await using var first = await ConnectAsync();
        await using var second = await ConnectAsync();

        Assert.False(string.IsNullOrEmpty(first.Nonce));
        Assert.NotEqual(first.Nonce, second.Nonce);
    }

    [Fact]
    public async Task An_upgrade_without_the_graphql_transport_ws_subprotocol_is_refused()
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(GraphQLWebSocketClient.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(GraphQLWebSocketClient.WebSocketUri(fixture.Address), timeout.Token));
    }

    [Fact]
    public async Task A_client_that_disconnects_is_unsubscribed_from_its_sources()
    {
        var client = await ConnectAsync();
        await client.InitAsync();
        await client.SubscribeAsync("a", WidgetRenamed);
        await client.SubscribeAsync("b", WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 2);

        client.Socket.Abort();
        await client.DisposeAsync();

        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0);
    }

    [Fact]
    public async Task A_client_that_never_reads_is_dropped_with_1013_and_the_server_serves_others()
    {
        await using var slow = await ConnectAsync();
        await slow.InitAsync();
        await slow.SubscribeAsync("flood", WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        // Large events fill the socket buffers first; then the bounded queue, and the server lets the client go.
        var big = Renamed("w-001", new string('x', 64 * 1024));
        for (var published = 0; Events.WidgetRenamed.Subscribers > 0; published++)
        {
            Assert.True(published < 5_000, "The slow client was never dropped.");
            Events.WidgetRenamed.Publish(big);
            if (published % 8 == 0)
            {
                await Task.Delay(1);
            }
        }

        var (code, reason) = await slow.ReceiveCloseAsync();
        Assert.Equal(1013, code);
        Assert.Contains($"{SubscriptionHostFixture.SendQueueLimit} messages", reason, StringComparison.Ordinal);

        await using var healthy = await ConnectAsync();
        await healthy.InitAsync();
        await healthy.SubscribeAsync("ok", WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);
        Events.WidgetRenamed.Publish(Renamed("w-002", "Still here"));
        Assert.Equal("Still here", (await healthy.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());
    }

    private static Dictionary<string, object> Forge(Dictionary<string, object> payload, string header, string value)
    {
        var headers = (Dictionary<string, string>)payload["headers"];
        headers[header] = value;
        return payload;
    }
}
