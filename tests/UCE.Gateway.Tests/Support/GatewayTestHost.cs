using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Configuration;
using UCE.Gateway.Extensions;
using UCE.Gateway.Supergraph;

namespace UCE.Gateway.Tests.Support;

/// <summary>
/// The gateway host on an in-memory test server (or, when asked, Kestrel on 127.0.0.1), serving a supergraph file in a
/// temporary folder and trusting the tokens of <see cref="TestTokenIssuer.Default"/>.
/// </summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayTestHost(WebApplication app, string directory, string supergraphPath, Uri? address)
    {
        _app = app;
        Directory = directory;
        SupergraphPath = supergraphPath;
        Address = address;
        Client = address is null ? app.GetTestClient() : new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>Where Kestrel listens when the host runs over real sockets; <c>null</c> on the in-memory test server.</summary>
    public Uri? Address { get; }

    public string Directory { get; }

    public string SupergraphPath { get; }

    public IServiceProvider Services => _app.Services;

    public ActiveSupergraph Active => _app.Services.GetRequiredService<ActiveSupergraph>();

    /// <summary>
    /// Starts the gateway over <paramref name="supergraphSdl"/> (no file at all when <c>null</c>) with
    /// <paramref name="engineFactory"/> (an <see cref="SdlSchemaEngineFactory"/> by default) and extra <c>Gateway:*</c> settings.
    /// </summary>
    /// <remarks>
    /// <paramref name="configure"/> runs last on the builder (extra logging providers, Kestrel limits);
    /// <paramref name="overSockets"/> serves on Kestrel at 127.0.0.1 instead of the in-memory test server;
    /// <paramref name="trustTestIssuer"/> false leaves authentication unconfigured.
    /// </remarks>
    public static Task<GatewayTestHost> StartAsync(
        string? supergraphSdl,
        IGatewayEngineFactory? engineFactory = null,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        bool overSockets = false,
        bool trustTestIssuer = true) =>
        StartCoreAsync(supergraphSdl, engineFactory ?? new SdlSchemaEngineFactory(), settings, configure, overSockets, trustTestIssuer: trustTestIssuer);

    /// <summary>Starts the gateway with its real federation engine over <paramref name="supergraphSdl"/>.</summary>
    public static Task<GatewayTestHost> StartFederatedAsync(
        string supergraphSdl,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        bool trustTestIssuer = true,
        bool overSockets = false) =>
        StartCoreAsync(supergraphSdl, engineFactory: null, settings, configure, overSockets, trustTestIssuer: trustTestIssuer);

    /// <summary>
    /// The gateway as the embedded default configures it (no supergraph file configured: it serves the committed one, and
    /// trusts the development key kept in <paramref name="developmentKeyPath"/>), without starting the embedded subgraphs.
    /// </summary>
    public static Task<GatewayTestHost> StartEmbeddedDefaultAsync(string developmentKeyPath, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Gateway:Authentication:DevelopmentKeyPath"] = developmentKeyPath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return StartCoreAsync(supergraphSdl: null, engineFactory: null, all, configure: null, overSockets: false, trustTestIssuer: false, embeddedDefault: true);
    }

    private static async Task<GatewayTestHost> StartCoreAsync(
        string? supergraphSdl,
        IGatewayEngineFactory? engineFactory,
        IDictionary<string, string?>? settings,
        Action<WebApplicationBuilder>? configure,
        bool overSockets,
        bool trustTestIssuer,
        bool embeddedDefault = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "supergraph.graphql");
        if (supergraphSdl is not null)
        {
            await File.WriteAllTextAsync(path, supergraphSdl);
        }

        var overrides = new Dictionary<string, string?>
        {
            ["Gateway:HotReloadPollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Identity:SigningKeys"] = TestSigning.Configuration,
            // Tests send far more requests than a client should; the rate-limit tests switch it back on.
            ["Gateway:RateLimit:Enabled"] = "false",
            // A subgraph's first request (its EF model, JIT) may take seconds on a loaded test machine; the timeout tests
            // set their own, and SubgraphTimeoutDefaultsTests checks the product's default of 5 s.
            ["Gateway:DefaultSubgraphTimeout"] = "00:00:30",
        };
        if (trustTestIssuer)
        {
            foreach (var (key, value) in TestTokenIssuer.Default.Settings)
            {
                overrides[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = GatewayWebApplication.Build(
            new GatewayCommandLine { SupergraphPath = embeddedDefault ? null : path, Port = 0 },
            overrides,
            builder =>
            {
                if (!overSockets)
                {
                    builder.WebHost.UseTestServer();
                }

                if (engineFactory is not null)
                {
                    builder.Services.AddSingleton(engineFactory);
                }

                configure?.Invoke(builder);
            });
        await app.StartAsync();
        var address = overSockets
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First())
            : null;
        return new GatewayTestHost(app, directory, path, address);
    }

    /// <summary>Replaces the supergraph file the way deployment tools do: write a temporary file, then rename it over.</summary>
    public async Task ReplaceSupergraphAsync(string sdl)
    {
        var temporary = SupergraphPath + ".tmp";
        await File.WriteAllTextAsync(temporary, sdl);
        File.Move(temporary, SupergraphPath, overwrite: true);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the host as SIGTERM does (the drain delay, then the server), without disposing it.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
