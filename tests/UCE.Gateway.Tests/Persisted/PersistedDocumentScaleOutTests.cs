using System.Net;
using System.Text.Json;
using UCE.Gateway.Configuration;
using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>Gateways on one Redis: pushed manifests reach running gateways, survive restarts, and APQ registrations are shared.</summary>
public sealed class PersistedDocumentScaleOutTests : IAsyncLifetime
{
    private readonly string _prefix = "uce:test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _client = "pushed-" + Guid.NewGuid().ToString("N")[..8];
    private TrustedDocumentSetup _setup = null!;

    public async Task InitializeAsync() => _setup = await TrustedDocumentSetup.StartAsync();

    public async Task DisposeAsync() => await _setup.DisposeAsync();

    private Task<GatewayTestHost> StartGatewayAsync() => _setup.StartGatewayAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = TestRedis.Configuration,
        ["Gateway:PersistedDocuments:RedisKeyPrefix"] = _prefix,
    });

    [Fact]
    public async Task A_pushed_manifest_reaches_a_running_gateway_at_once_and_a_restarted_gateway_still_serves_it()
    {
        var manifest = Path.Combine(_setup.Directory, "to-push.txt");
        await File.WriteAllTextAsync(manifest, RelayManifest(("pushed-catalogue", Catalogue)));
        var token = TestTokenIssuer.Default.CreateToken("agent", clientId: _client);

        await using (var running = await StartGatewayAsync())
        {
            Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await (await running.Client.SendAsync(ById("pushed-catalogue", token))).ReadJsonAsync()).FirstErrorCode());

            var (exitCode, output, error) = await PushAsync(manifest);

            Assert.True(exitCode == 0, error);
            Assert.Contains($"stored 1 documents for client {_client} as version 1", output, StringComparison.Ordinal);
            await GatewayTestHost.WaitUntilAsync(
                async () => (await running.Client.SendAsync(ById("pushed-catalogue", token))).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(10),
                "the running gateway serves the pushed document");
        }

        await using var restarted = await StartGatewayAsync();
        using var response = await restarted.Client.SendAsync(ById("pushed-catalogue", token));

        Assert.Equal("Charger", (await response.ReadJsonAsync())["data"]!["products"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pushed_manifest_wins_over_the_clients_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_setup.Directory, _client + ".json"), RelayManifest(("from-file", Catalogue)));
        var manifest = Path.Combine(_setup.Directory, "to-push.txt");
        await File.WriteAllTextAsync(manifest, RelayManifest(("from-store", Catalogue)));
        var token = TestTokenIssuer.Default.CreateToken("agent", clientId: _client);
        Assert.Equal(0, (await PushAsync(manifest)).ExitCode);

        await using var gateway = await StartGatewayAsync();

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.SendAsync(ById("from-store", token))).StatusCode);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await (await gateway.Client.SendAsync(ById("from-file", token))).ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Two_gateways_share_automatic_persisted_query_registrations()
    {
        await using var first = await StartGatewayAsync();
        await using var second = await StartGatewayAsync();
        var query = "query Shared" + Guid.NewGuid().ToString("N") + " { products { name } }";
        var hash = PersistedDocument.Sha256Hex(query);
        var token = TokenOf(Portal);

        using var unknownOnSecond = await second.Client.SendAsync(GraphQLHttp.Post(Apq(null, hash)).WithToken(token));
        using var registeredOnFirst = await first.Client.SendAsync(GraphQLHttp.Post(Apq(query, hash)).WithToken(token));
        using var servedBySecond = await second.Client.SendAsync(GraphQLHttp.Post(Apq(null, hash)).WithToken(token));

        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await unknownOnSecond.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal(HttpStatusCode.OK, registeredOnFirst.StatusCode);
        Assert.Equal("""{"data":{"products":[{"name":"Charger"}]}}""", await servedBySecond.Content.ReadAsStringAsync());
        Assert.True(await TestRedis.Connection.GetDatabase().KeyExistsAsync(_prefix + "apq:" + hash));
        Assert.InRange((await TestRedis.Connection.GetDatabase().KeyTimeToLiveAsync(_prefix + "apq:" + hash))!.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
    }

    private async Task<(int ExitCode, string Output, string Error)> PushAsync(string manifest)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PersistedCommand.RunAsync(
            ["push", manifest, "--client", _client, "--supergraph", UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"),
             $"--ConnectionStrings:Redis={TestRedis.Configuration}", $"--Gateway:PersistedDocuments:RedisKeyPrefix={_prefix}"],
            output,
            error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static HttpRequestMessage ById(string id, string token) =>
        GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = id })).WithToken(token);

    private static string Apq(string? query, string hash) =>
        JsonSerializer.Serialize(new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } });
}
