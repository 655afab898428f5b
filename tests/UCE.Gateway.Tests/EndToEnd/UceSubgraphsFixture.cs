using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Configuration;
using UCE.Gateway.Embedded;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// The UCE subgraphs the embedded default hosts, each on its own fresh PostgreSQL database with the demo
/// data, listening on 127.0.0.1 with a port the system picked; one set per test class. Each subgraph has its own
/// in-process event stream unless a derived fixture gives them one to share (<see cref="SharedEventStream"/>).
/// </summary>
public class UceSubgraphsFixture : IAsyncLifetime
{
    private readonly List<PostgresDatabase> _databases = [];
    private readonly Dictionary<string, WebApplication> _apps = new(StringComparer.Ordinal);

    /// <summary>Where each subgraph answers, by name.</summary>
    public Dictionary<string, Uri> Urls { get; } = new(StringComparer.Ordinal);

    /// <summary>The stream the subgraphs meet on, as in the embedded default; null gives each its own.</summary>
    public virtual IEventStream? SharedEventStream => null;

    /// <summary>
    /// Whether the subgraphs trace, as the embedded default does: the first subgraph's host carries the one tracer of the
    /// process (EF Core's instrumentation listens process-wide; one per host would record every command once per host).
    /// Off unless a derived fixture needs spans.
    /// </summary>
    protected virtual bool EnableTracing => false;

    /// <summary>The committed supergraph (its URLs are replaced by <see cref="GatewaySettings"/>).</summary>
    public string Supergraph { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Supergraph = await File.ReadAllTextAsync(RepositoryFile(SupergraphFileLocator.RelativePath));
        var demoDate = DemoGraph.Today(TimeProvider.System);
        var starts = EmbeddedSubgraphCatalog.Modules.Select(async module =>
        {
            var database = await PostgresDatabase.CreateAsync(module.Name);
            lock (_databases)
            {
                _databases.Add(database);
            }

            var app = SubgraphHost.Build(module, new SubgraphHostOptions
            {
                Port = 0,
                ConnectionString = database.ConnectionString,
                DemoDate = demoDate,
                EnableTracing = EnableTracing && module == EmbeddedSubgraphCatalog.Modules[0],
                SharedEventStream = SharedEventStream,
                Configuration =
                {
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                    ["Identity:SigningKeys"] = TestSigning.Configuration,

                    // Stream lag read often, so that tests scraping a subgraph's /metrics do not wait long.
                    ["Subgraph:Metrics:RefreshInterval"] = "00:00:00.200",

                    // The demo set's queued notifications stay queued: the tests compare them across requests.
                    ["Notifications:Dispatcher:Enabled"] = "false",

                    // Every test class starts seven subgraphs; the warm-up has its own tests (SubgraphWarmUpTests).
                    ["Subgraph:WarmUp:Enabled"] = "false",
                },
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            lock (_apps)
            {
                _apps[module.Name] = app;
                Urls[module.Name] = new Uri(address.TrimEnd('/') + "/graphql");
            }
        });
        await Task.WhenAll(starts);
    }

    /// <summary>Gateway settings pointing every subgraph of the supergraph at its test instance, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string?> GatewaySettings(IDictionary<string, string?>? extra = null)
    {
        var settings = Urls.ToDictionary(entry => $"Gateway:Subgraphs:{entry.Key}:Url", entry => (string?)entry.Value.ToString());
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The gateway over these subgraphs, with the real engine; <paramref name="configure"/> runs last on its builder.</summary>
    public Task<GatewayTestHost> StartGatewayAsync(IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null, bool overSockets = false) =>
        GatewayTestHost.StartFederatedAsync(Supergraph, GatewaySettings(extra), configure, overSockets: overSockets);

    /// <summary>A service of the running subgraph <paramref name="subgraph"/> (its change feed, its database context factory).</summary>
    public T Service<T>(string subgraph)
        where T : notnull => _apps[subgraph].Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A file of the repository, found from the test's working directory upward.</summary>
    public static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }
}
