using System.Net;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Ide;

/// <summary>The IDE over HTTP: Banana Cake Pop's page, settings and files, the small page without them, and the switch.</summary>
public sealed class GraphQLIdeEndpointTests
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static readonly Dictionary<string, string?> IdeOn = new() { ["Gateway:Ide:Enabled"] = "true" };

    [GraphQLIdeFact]
    public async Task Browser_get_of_graphql_serves_banana_cake_pop_with_its_files_under_graphql_ui()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: IdeOn);

        using var response = await host.Client.SendAsync(Browser("/graphql"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("<title>Banana Cake Pop</title>", html, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/graphql/ui/\"/>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("://", html, StringComparison.Ordinal);
        using var ui = await host.Client.SendAsync(Browser("/graphql/ui/"));
        Assert.Equal(html, await ui.Content.ReadAsStringAsync());
    }

    [GraphQLIdeFact]
    public async Task Ide_settings_point_at_this_gateway_with_telemetry_off_beside_either_page()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: IdeOn);

        foreach (var path in new[] { "/graphql/ui/bcp-config.json", "/graphql/bcp-config.json" })
        {
            using var response = await host.Client.GetAsync(path);
            var settings = (await response.ReadJsonAsync()).AsObject();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/graphql", settings["endpoint"]!.GetValue<string>());
            Assert.True(settings["useBrowserUrlAsEndpoint"]!.GetValue<bool>());
            Assert.True(settings["disableTelemetry"]!.GetValue<bool>());
            Assert.Null(settings["gaTrackingId"]);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }
    }

    [GraphQLIdeFact]
    public async Task Hashed_files_are_cached_for_a_year_and_the_others_revalidated()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: IdeOn);
        var script = Directory.GetFiles(Path.Combine(GraphQLIdeBuild.AssetsFolder, "static", "js"), "main.*.js").Single();

        using var hashed = await host.Client.GetAsync("/graphql/ui/static/js/" + Path.GetFileName(script));
        using var manifest = await host.Client.GetAsync("/graphql/ui/manifest.webmanifest");
        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/graphql/ui/static/js/" + Path.GetFileName(script)));

        Assert.Equal(HttpStatusCode.OK, hashed.StatusCode);
        Assert.Equal("text/javascript", hashed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", hashed.Headers.CacheControl?.ToString());
        Assert.Equal(new FileInfo(script).Length, (await hashed.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", manifest.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [GraphQLIdeFact]
    public async Task The_licence_ships_with_the_ide()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: IdeOn);

        using var response = await host.Client.GetAsync("/graphql/ui/LICENSE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ChilliCream License", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/graphql/ui/../appsettings.json")]
    [InlineData("/graphql/ui/%2E%2E/appsettings.json")]
    [InlineData("/graphql/ui/..%2Fappsettings.json")]
    [InlineData("/graphql/ui/static/../../UCE.Gateway.dll")]
    [InlineData("/graphql/ui/no-such-file.js")]
    [InlineData("/graphql/ui/static")]
    public async Task Nothing_outside_the_ide_files_is_served(string path)
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: IdeOn);

        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_banana_cake_pop_in_the_build_a_browser_gets_the_small_query_page()
    {
        var empty = Directory.CreateTempSubdirectory("uce-no-ide").FullName;
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: new Dictionary<string, string?>(IdeOn) { ["Gateway:Ide:AssetsPath"] = empty });

        foreach (var path in new[] { "/graphql", "/graphql/ui" })
        {
            using var response = await host.Client.SendAsync(Browser(path));
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<textarea id=\"query\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        }

        using var settings = await host.Client.GetAsync("/graphql/ui/bcp-config.json");
        Assert.Equal(HttpStatusCode.NotFound, settings.StatusCode);
    }

    [Fact]
    public async Task A_gateway_with_a_supergraph_file_serves_no_ide_unless_enabled()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting);

        using var page = await host.Client.SendAsync(Browser("/graphql"));
        using var ui = await host.Client.SendAsync(Browser("/graphql/ui/"));
        using var settings = await host.Client.GetAsync("/graphql/bcp-config.json");

        Assert.NotEqual("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, ui.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, settings.StatusCode);
    }

    [Fact]
    public async Task The_embedded_default_serves_the_ide_and_configuration_turns_it_off()
    {
        var keys = Directory.CreateTempSubdirectory("uce-ide-keys").FullName;
        await using (var embedded = await GatewayTestHost.StartEmbeddedDefaultAsync(keys))
        {
            using var ui = await embedded.Client.SendAsync(Browser("/graphql/ui"));
            Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
            Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        }

        await using var off = await GatewayTestHost.StartEmbeddedDefaultAsync(keys, new Dictionary<string, string?> { ["Gateway:Ide:Enabled"] = "false" });
        using var refused = await off.Client.SendAsync(Browser("/graphql/ui"));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static HttpRequestMessage Browser(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", BrowserAccept);
        return request;
    }
}
