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
}
