using System.Net;
using System.Text.Json;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>graphql-sse (distinct connections) on <c>/graphql</c> over a real socket.</summary>
public sealed class ServerSentEventsSubscriptionTests(SubscriptionHostFixture fixture) : IClassFixture<SubscriptionHostFixture>, IAsyncLifetime
{
    private const string WidgetRenamed = "subscription { widgetRenamed { id name parts { id } } }";

    private SampleEvents Events => fixture.Events;

    private HttpClient Http => fixture.Host.Http;

    public Task InitializeAsync() => Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_subscription_streams_a_next_event_per_source_event_and_completes_with_the_source()
    {
        using var stream = await ServerSentEventsClient.PostAsync(Http, WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        Events.WidgetRenamed.Publish(new Widget { Id = "w-004", Name = "Streamed" });
        Events.WidgetRenamed.Publish(new Widget { Id = "w-005", Name = "Again" });
        var first = await stream.ReadNextAsync();
        var second = await stream.ReadNextAsync();
        Events.WidgetRenamed.CompleteAll();

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.MediaType);
        Assert.Equal("Streamed", first.GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());
        Assert.Equal(2, first.GetProperty("data").GetProperty("widgetRenamed").GetProperty("parts").GetArrayLength());
        Assert.Equal("Again", second.GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());
        Assert.Equal("complete", (await stream.ReadEventAsync())?.Event);
        Assert.Null(await stream.ReadEventAsync());
    }

    [Fact]
    public async Task A_query_answers_one_next_event_and_a_complete()
    {
        using var stream = await ServerSentEventsClient.PostAsync(Http, "{ caller { role } }", caller: TestCallers.Agent);

        var next = await stream.ReadNextAsync();

        Assert.Equal("AGENT", next.GetProperty("data").GetProperty("caller").GetProperty("role").GetString());
        Assert.Equal("complete", (await stream.ReadEventAsync())?.Event);
    }

    [Fact]
    public async Task A_document_that_does_not_validate_is_reported_in_a_next_event()
    {
        using var stream = await ServerSentEventsClient.PostAsync(Http, "subscription { widgetRenamed { nope } }");

        var next = await stream.ReadNextAsync();

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", next.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("complete", (await stream.ReadEventAsync())?.Event);
    }

    [Fact]
    public async Task A_subscription_the_caller_may_not_use_is_refused_in_a_next_event()
    {
        using var stream = await ServerSentEventsClient.PostAsync(Http, "subscription { staffAlerts }", caller: TestCallers.Customer("cus-000001"));

        var next = await stream.ReadNextAsync();

        Assert.Equal("FORBIDDEN", next.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("complete", (await stream.ReadEventAsync())?.Event);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_with_401_before_anything_runs()
    {
        using var stream = await ServerSentEventsClient.PostAsync(Http, WidgetRenamed, caller: TestCallers.Agent, sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
        var body = JsonDocument.Parse(await stream.ReadBodyAsync()).RootElement;
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0, Events.WidgetRenamed.Subscribers);
    }

    [Fact]
    public async Task A_client_that_disconnects_is_unsubscribed_from_the_source()
    {
        var stream = await ServerSentEventsClient.PostAsync(Http, WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        stream.Dispose();

        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 0);
    }

    [Fact]
    public async Task A_client_that_never_reads_has_its_response_aborted_and_the_server_serves_others()
    {
        using var slow = await ServerSentEventsClient.PostAsync(Http, WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);

        var big = new Widget { Id = "w-001", Name = new string('x', 64 * 1024) };
        for (var published = 0; Events.WidgetRenamed.Subscribers > 0; published++)
        {
            Assert.True(published < 5_000, "The slow client was never dropped.");
            Events.WidgetRenamed.Publish(big);
            if (published % 8 == 0)
            {
                await Task.Delay(1);
            }
        }

        // What was already on the wire can be read; then the stream breaks off without a complete event.
        var ended = await Record.ExceptionAsync(async () =>
        {
            while (await slow.ReadEventAsync() is { } read)
            {
                Assert.Equal("next", read.Event);
            }
        });
        Assert.True(ended is null or IOException or HttpRequestException, $"Unexpected end of the stream: {ended}");

        using var healthy = await ServerSentEventsClient.PostAsync(Http, WidgetRenamed);
        await Events.WidgetRenamed.WaitForSubscribersAsync(count => count == 1);
        Events.WidgetRenamed.Publish(new Widget { Id = "w-002", Name = "Still here" });
        Assert.Equal("Still here", (await healthy.ReadNextAsync()).GetProperty("data").GetProperty("widgetRenamed").GetProperty("name").GetString());
    }
}
