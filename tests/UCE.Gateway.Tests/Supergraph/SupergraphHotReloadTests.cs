using System.Net;
using UCE.Gateway.Supergraph;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Supergraph;

/// <summary>Replacing the supergraph file while the gateway runs.</summary>
public sealed class SupergraphHotReloadTests
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_new_supergraph_file_is_served_without_a_restart()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting);
        using (var before = await host.Client.SendAsync(GraphQLHttp.PostQuery("{ added }")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        }

        await host.ReplaceSupergraphAsync(TestSchemas.GreetingWithAddedField);

        await GatewayTestHost.WaitUntilAsync(() => ServesAddedFieldAsync(host), ReloadTimeout, "the added field is served");
        Assert.Equal(2, host.Active.Generation);
    }

    [Fact]
    public async Task An_invalid_supergraph_file_keeps_the_previous_one_served()
    {
        var factory = new SdlSchemaEngineFactory();
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, factory);

        await host.ReplaceSupergraphAsync(TestSchemas.Invalid);
        // The invalid file was read (its engine failed to build) before the assertions run.
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(factory.Created.Count == 1 && AttemptedLoads(host) >= 1), ReloadTimeout, "the invalid file was tried");

        using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }"));
        using var health = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("hello", (await response.ReadJsonAsync())["data"]!["hello"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(1, host.Active.Generation);

        // A later valid file is still picked up.
        await host.ReplaceSupergraphAsync(TestSchemas.GreetingWithAddedField);
        await GatewayTestHost.WaitUntilAsync(() => ServesAddedFieldAsync(host), ReloadTimeout, "the added field is served after the invalid file");
    }

    [Fact]
    public async Task A_request_in_flight_during_a_reload_finishes_on_the_engine_it_started_on()
    {
        var factory = new SdlSchemaEngineFactory();
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, factory);
        var first = factory.Created[0];

        var held = host.Client.SendAsync(GraphQLHttp.PostQuery("{ held }"));
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(first.ExecutedRequests == 1), ReloadTimeout, "the held request runs");
        await host.ReplaceSupergraphAsync(TestSchemas.GreetingWithAddedField);
        await GatewayTestHost.WaitUntilAsync(() => ServesAddedFieldAsync(host), ReloadTimeout, "the added field is served");

        Assert.False(first.IsDisposed);
        factory.Gate.Open();
        using var heldResponse = await held;
        Assert.Equal(HttpStatusCode.OK, heldResponse.StatusCode);
        Assert.Equal("held", (await heldResponse.ReadJsonAsync())["data"]!["held"]!.GetValue<string>());
        // The lease is let go after the response is written, which the client may see first.
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(first.IsDisposed), ReloadTimeout, "the first engine is disposed after its last request");
    }

    [Fact]
    public async Task Rewriting_the_file_with_the_same_content_does_not_reload()
    {
        var factory = new SdlSchemaEngineFactory();
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, factory);

        await host.ReplaceSupergraphAsync(TestSchemas.Greeting);
        await host.ReplaceSupergraphAsync(TestSchemas.GreetingWithAddedField);
        await GatewayTestHost.WaitUntilAsync(() => ServesAddedFieldAsync(host), ReloadTimeout, "the added field is served");

        Assert.Equal(2, factory.Created.Count);
    }

    [Fact]
    public async Task A_config_map_update_that_repoints_the_volume_links_is_served_without_a_restart()
    {
        // The kubelet's layout of a ConfigMap volume: the file is a link into ..data, itself a link to a timestamped folder;
        // an update writes a new folder and points ..data at it. The file's own link never changes.
        var volume = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(volume, "..2026_12_01_v1"));
            await File.WriteAllTextAsync(Path.Combine(volume, "..2026_12_01_v1", "supergraph.graphql"), TestSchemas.Greeting);
            File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_12_01_v1");
            File.CreateSymbolicLink(Path.Combine(volume, "supergraph.graphql"), Path.Combine("..data", "supergraph.graphql"));
            await using var host = await GatewayTestHost.StartAsync(
                supergraphSdl: null,
                settings: new Dictionary<string, string?> { ["Gateway:SupergraphPath"] = Path.Combine(volume, "supergraph.graphql") });
            Assert.Equal(1, host.Active.Generation);

            Directory.CreateDirectory(Path.Combine(volume, "..2026_12_01_v2"));
            await File.WriteAllTextAsync(Path.Combine(volume, "..2026_12_01_v2", "supergraph.graphql"), TestSchemas.GreetingWithAddedField);
            // The kubelet renames a new link over ..data; File.Move cannot move a link to a folder, so it is replaced here.
            File.Delete(Path.Combine(volume, "..data"));
            File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_12_01_v2");
            Directory.Delete(Path.Combine(volume, "..2026_12_01_v1"), recursive: true);

            await GatewayTestHost.WaitUntilAsync(() => ServesAddedFieldAsync(host), ReloadTimeout, "the added field is served");
            Assert.Equal(2, host.Active.Generation);
        }
        finally
        {
            Directory.Delete(volume, recursive: true);
        }
    }

    private static int AttemptedLoads(GatewayTestHost host) =>
        ((SupergraphFileWatcher)host.Services.GetService(typeof(SupergraphFileWatcher))!).FailedLoads;

    private static async Task<bool> ServesAddedFieldAsync(GatewayTestHost host)
    {
        using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery("{ added }"));
        return response.StatusCode == HttpStatusCode.OK;
    }
}
