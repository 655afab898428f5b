using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Embedded;
using UCE.Gateway.Tests.Support;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// Two gateways, each over its own instance of the outages subgraph, the two instances sharing one database and one Redis:
/// a change made through either reaches every subscriber of both gateways exactly once, in order.
/// </summary>
public sealed class ScaledOutSubscriptionTests : IAsyncLifetime
{
    private const string StatusChanged = "subscription($id: ID!) { outageStatusChanged(outageId: $id) { id status estimatedRestorationAt } }";

    private readonly string _names = Guid.NewGuid().ToString("N");
    private readonly List<WebApplication> _outages = [];
    private readonly List<GatewayTestHost> _gateways = [];
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("outages");
        var supergraph = await File.ReadAllTextAsync(UceSubgraphsFixture.RepositoryFile(global::UCE.Gateway.Configuration.SupergraphFileLocator.RelativePath));

        // One after the other: the first migrates and seeds the shared database.
        for (var instance = 0; instance < 2; instance++)
        {
            var outages = await StartOutagesAsync(instance);
            var url = outages.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/graphql";
            _gateways.Add(await GatewayTestHost.StartFederatedAsync(supergraph, new Dictionary<string, string?> { ["Gateway:Subgraphs:outages:Url"] = url }, overSockets: true));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        foreach (var app in _outages)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await _database.DisposeAsync();
        await TestRedis.Connection.GetDatabase().KeyDeleteAsync([$"uce:test:{_names}:grid", $"uce:test:{_names}:dead"]);
    }

    [Fact]
    public async Task Every_subscriber_of_every_gateway_gets_every_change_exactly_once()
    {
        var agent = TestTokenIssuer.Default.CreateToken("agent", subject: "agent-1");
        var active = await Customer360Tests.PostAsAgentAsync(_gateways[0], "{ activeOutages(first: 1) { id status } }");
        var outageId = active["data"]!["activeOutages"]![0]!["id"]!.GetValue<string>();
        var status = active["data"]!["activeOutages"]![0]!["status"]!.GetValue<string>();

        // Per gateway: two clients with the same identity (they share an upstream subscription) and one with another.
        var clients = new List<GatewayWebSocketClient>();
        foreach (var gateway in _gateways)
        {
            foreach (var subject in (string[])["agent-1", "agent-1", "agent-2"])
            {
                var client = await GatewayWebSocketClient.ConnectAsync(gateway.Address!);
                await client.InitAsync(TestTokenIssuer.Default.CreateToken("agent", subject: subject));
                await client.SubscribeAsync("s", StatusChanged, new { id = outageId });
                clients.Add(client);
            }
        }

        try
        {
            foreach (var outages in _outages)
            {
                var feed = outages.Services.GetRequiredService<OutageChangeFeed>();
                await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(feed.ListenerCount == 2), GatewayWebSocketClient.Timeout, "each outages instance has one upstream subscription per identity");
            }

            // Two changes, one through each gateway: each client sees the first, then the second, and nothing else.
            var first = await ChangeEstimateAsync(_gateways[0], agent, outageId, status, hours: 5);
            var second = await ChangeEstimateAsync(_gateways[1], agent, outageId, status, hours: 6);
            foreach (var client in clients)
            {
                Assert.Equal(first, await EstimateOfNextAsync(client));
                Assert.Equal(second, await EstimateOfNextAsync(client));
            }

            // A third change, and again exactly one message each: no copy of an earlier change was still on its way.
            var third = await ChangeEstimateAsync(_gateways[0], agent, outageId, status, hours: 7);
            foreach (var client in clients)
            {
                Assert.Equal(third, await EstimateOfNextAsync(client));
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private async Task<WebApplication> StartOutagesAsync(int instance)
    {
        var module = EmbeddedSubgraphCatalog.Modules.Single(module => module.Name == "outages");
        var app = SubgraphHost.Build(module, new SubgraphHostOptions
        {
            Port = 0,
            ConnectionString = _database.ConnectionString,
            DemoDate = DemoGraph.Today(TimeProvider.System),
            EnableTracing = false,
            Configuration =
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Identity:SigningKeys"] = TestSigning.Configuration,
                ["Subgraph:WarmUp:Enabled"] = "false",
                ["ConnectionStrings:Redis"] = TestRedis.Configuration,
                ["GridEvents:Stream"] = $"uce:test:{_names}:grid",
                ["GridEvents:DeadLetterStream"] = $"uce:test:{_names}:dead",
                ["GridEvents:ChangesChannel"] = $"uce:test:{_names}:changed",
                ["GridEvents:Consumer"] = $"outages-{instance}",
            },
        });
        await app.StartAsync();
        _outages.Add(app);
        return app;
    }

    private static async Task<DateTimeOffset> ChangeEstimateAsync(GatewayTestHost gateway, string token, string outageId, string status, int hours)
    {
        var estimate = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(hours), TimeSpan.Zero);
        using var request = GraphQLHttp.PostQuery(
            "mutation($input: UpdateOutageStatusInput!) { updateOutageStatus(input: $input) { outage { id } } }",
            new { input = new { outageId, status, estimatedRestorationAt = estimate } }).WithToken(token);
        using var response = await gateway.Client.SendAsync(request);
        Assert.Null((await response.ReadJsonAsync())["errors"]);
        return estimate;
    }

    private static async Task<DateTimeOffset> EstimateOfNextAsync(GatewayWebSocketClient client)
    {
        var message = await client.ReceiveAsync();
        Assert.Equal("next", message.GetProperty("type").GetString());
        var payload = JsonNode.Parse(message.GetProperty("payload").GetRawText())!;
        return payload["data"]!["outageStatusChanged"]!["estimatedRestorationAt"]!.GetValue<DateTimeOffset>();
    }
}
