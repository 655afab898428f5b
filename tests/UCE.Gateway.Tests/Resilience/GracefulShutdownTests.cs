using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Resilience;

/// <summary>
/// A gateway told to stop (SIGTERM) closes its WebSocket subscriptions with 1001 and ends its event streams without a
/// <c>complete</c> event, so that clients connect again (to another instance) instead of believing the subscription over.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string Subscription = "subscription { outageStatusChanged(outageId: \"wait\") { id status } }";

    [Fact]
    public async Task Stopping_closes_websocket_subscriptions_with_1001_and_ends_event_streams_without_complete()
    {
        await using var outages = await FakeSubscriptionSubgraph.StartAsync();
        var gateway = await outages.StartGatewayAsync();
        try
        {
            var token = TestTokenIssuer.Default.CreateToken("agent");
            await using var socket = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
            await socket.InitAsync(token);
            await socket.SubscribeAsync("live", Subscription);
            Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());

            using var timeout = new CancellationTokenSource(GatewayWebSocketClient.Timeout);
            using var stream = await gateway.Client.SendAsync(
                GraphQLHttp.PostQuery(Subscription.Replace("\"wait\"", "\"wait-sse\"", StringComparison.Ordinal), accept: "text/event-stream").WithToken(token), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
            while (await reader.ReadLineAsync(timeout.Token) is { } line && line != "event: next")
            {
            }

            gateway.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

            var (code, reason) = await socket.ReceiveCloseAsync();
            Assert.Equal(1001, code);
            Assert.Contains("shutting down", reason, StringComparison.Ordinal);
            var rest = await reader.ReadToEndAsync(timeout.Token);
            Assert.DoesNotContain("event: complete", rest, StringComparison.Ordinal);
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_a_drain_delay_health_answers_503_while_requests_are_still_served_then_the_server_stops()
    {
        await using var outages = await FakeSubscriptionSubgraph.StartAsync();
        var gateway = await outages.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Server:DrainDelay"] = "00:00:05" });
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health")).StatusCode);

            var stopping = gateway.StopAsync();
            // A balancer polling /health sees the instance leave...
            var draining = await Eventually(async () => (await gateway.Client.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable);
            Assert.True(draining, "/health did not answer 503 after the host began stopping.");
            Assert.False(stopping.IsCompleted);

            // ...while a request sent meanwhile, on a new connection, is still answered in full.
            using var fresh = new HttpClient { BaseAddress = gateway.Address };
            var token = TestTokenIssuer.Default.CreateToken("agent");
            using var response = await fresh.SendAsync(GraphQLHttp.PostQuery("{ __typename }").WithToken(token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"__typename\":\"Query\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            await stopping.WaitAsync(TimeSpan.FromSeconds(30));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => fresh.GetAsync("/health"));
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public void A_drain_delay_must_fit_within_the_shutdown_timeout()
    {
        Assert.Empty(new UCE.Gateway.Configuration.GatewayServerOptions { DrainDelay = TimeSpan.FromSeconds(5) }.Problems());
        Assert.NotEmpty(new UCE.Gateway.Configuration.GatewayServerOptions { DrainDelay = TimeSpan.FromSeconds(15) }.Problems());
        Assert.NotEmpty(new UCE.Gateway.Configuration.GatewayServerOptions { DrainDelay = TimeSpan.FromSeconds(-1) }.Problems());
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!timeout.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
