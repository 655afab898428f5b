using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Subscriptions;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// A subgraph that answers subscriptions over <c>graphql-transport-ws</c> the way the test asks, by the <c>outageId</c>
/// variable: <c>refuse</c> ends it with an error, <c>drop</c> sends one event then cuts the connection, <c>complete</c>
/// sends one event then completes; anything else sends one event and waits. It counts the subscriptions it ran.
/// </summary>
public sealed class FakeSubscriptionSubgraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _subscriptions;
    private int _connections;

    private FakeSubscriptionSubgraph(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public int Connections => Volatile.Read(ref _connections);

    public static async Task<FakeSubscriptionSubgraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSubscriptionSubgraph(app);
        app.UseWebSockets();
        app.Map("/graphql", async context =>
        {
            context.Response.Headers["X-UCE-Connection-Nonce"] = "fake-nonce";
            using var socket = await context.WebSockets.AcceptWebSocketAsync("graphql-transport-ws");
            Interlocked.Increment(ref fake._connections);
            using var connection = new GraphQLWebSocketConnection(socket, new Handler(fake, context), new SubscriptionSettings(), NullLogger.Instance);
            await connection.RunAsync(context.RequestAborted);
        });
        await app.StartAsync();
        fake.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/graphql");
        return fake;
    }

    /// <summary>A gateway over sockets serving the committed supergraph, its outages subgraph being this fake.</summary>
    public async Task<GatewayTestHost> StartGatewayAsync(IDictionary<string, string?>? settings = null)
    {
        var supergraph = await File.ReadAllTextAsync(UceSubgraphsFixture.RepositoryFile(global::UCE.Gateway.Configuration.SupergraphFileLocator.RelativePath));
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Gateway:Subgraphs:outages:Url"] = Url.ToString() };
        return await GatewayTestHost.StartFederatedAsync(supergraph, all, overSockets: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] Event(string id) =>
        Encoding.UTF8.GetBytes("{\"data\":{\"outageStatusChanged\":{\"id\":\"" + id + "\",\"status\":\"CONFIRMED\"}}}");

    private sealed class Handler(FakeSubscriptionSubgraph fake, HttpContext context) : IGraphQLWebSocketHandler, IGraphQLWebSocketSession
    {
        public ValueTask<WebSocketInitialisation> InitialiseAsync(JsonElement? payload, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new WebSocketInitialisation(this, null));

        public WebSocketOperationStart Prepare(JsonElement payload)
        {
            var outageId = payload.TryGetProperty("variables", out var variables) && variables.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
            return new WebSocketOperationStart((results, stopping) => RunAsync(outageId, results, stopping), null);
        }

        private async Task RunAsync(string outageId, IGraphQLWebSocketResults results, CancellationToken stopping)
        {
            Interlocked.Increment(ref fake._subscriptions);
            switch (outageId)
            {
                case "refuse":
                    results.Error(Encoding.UTF8.GetBytes("""[{"message":"Not for you.","extensions":{"code":"FORBIDDEN"}}]"""));
                    return;
                case "drop":
                    results.Next(Event(outageId));
                    await Task.Delay(200, stopping);
                    context.Abort();
                    return;
                case "complete":
                    results.Next(Event(outageId));
                    return;
                default:
                    results.Next(Event(outageId));
                    await Task.Delay(Timeout.Infinite, stopping);
                    return;
            }
        }
    }
}
