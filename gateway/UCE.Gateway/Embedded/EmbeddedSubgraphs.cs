using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using UCE.Gateway.Security;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Gateway.Embedded;

/// <summary>
/// The embedded default: the seven UCE subgraphs hosted in the gateway's process on their default
/// ports (4001–4007, the URLs of the committed supergraph), on SQLite files with demo data.
/// </summary>
public sealed class EmbeddedSubgraphs : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;

    private EmbeddedSubgraphs(List<WebApplication> apps) => _apps = apps;

    /// <summary>The subgraphs' names and the URLs they answer on, once started.</summary>
    public IReadOnlyDictionary<string, Uri> Urls { get; private set; } = new Dictionary<string, Uri>();

    /// <summary>
    /// Builds the hosts of <paramref name="modules"/>. With <paramref name="generatedCustomers"/>, their
    /// databases live in their own folder and are filled by the bulk generator instead of the demo set.
    /// Each subgraph listens on its port in <paramref name="ports"/> (by subgraph name), else on its module's default port,
    /// and verifies the gateway's signature with <paramref name="signingKeys"/> (the gateway's <c>Identity:SigningKeys</c>).
    /// </summary>
    public static async Task<EmbeddedSubgraphs> CreateAsync(
        IReadOnlyList<SubgraphModule> modules,
        int? generatedCustomers,
        TextWriter log,
        IReadOnlyDictionary<string, int>? ports,
        string signingKeys,
        CancellationToken cancellationToken)
    {
        var dataDirectory = generatedCustomers is { } count
            ? Path.Combine(Environment.GetEnvironmentVariable("UCE_DATA_DIR") is { Length: > 0 } root ? root : "data", $"customers-{count}")
            : null;
        // One day for all seven, so that their demo timelines agree even when they start around midnight.
        var demoDate = DemoGraph.Today(TimeProvider.System);

        // Without Redis the subgraphs meet on one in-process stream: outage changes and usage events reach communications.
        var events = new InProcessEventStream(TimeProvider.System);
        var apps = new List<WebApplication>(modules.Count);
        for (var i = 0; i < modules.Count; i++)
        {
            var options = new SubgraphHostOptions
            {
                // Always explicit: left unset, the hosting library would read UCE_PORT from the gateway's environment
                // and put all seven subgraphs on that one port.
                Port = PortOf(modules[i], ports),
                DataDirectory = dataDirectory,
                SeedDemoData = generatedCustomers is null,
                DemoDate = demoDate,
                SharedEventStream = events,
                // One tracer per process is enough; the first subgraph carries it.
                EnableTracing = i == 0,
                Configuration =
                {
                    ["Logging:LogLevel:Default"] = "Warning",

                    // No mail server or SMS account here: notifications are delivered to the log, and shown.
                    ["Logging:LogLevel:UCE.Communications.Delivery.ChannelSenders"] = "Information",
                    [IdentitySigningConfiguration.SigningKeysKey] = signingKeys,
                },
            };
            if (generatedCustomers is { } customers)
            {
                // A null report means this folder was generated before: serve what is there.
                await SubgraphHost.GenerateAsync(modules[i], options, new DemoGraph(customers, demoDate), log, cancellationToken);
            }

            apps.Add(SubgraphHost.Build(modules[i], options));
        }

        return new EmbeddedSubgraphs(apps);
    }

    /// <summary>The port a subgraph listens on: the configured one, else its module's default.</summary>
    public static int PortOf(SubgraphModule module, IReadOnlyDictionary<string, int>? ports) =>
        ports is not null && ports.TryGetValue(module.Name, out var port) ? port : module.DefaultPort;

    /// <summary>Starts every subgraph concurrently.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_apps.Select(app => app.StartAsync(cancellationToken)));
        Urls = _apps.ToDictionary(
            app => app.Services.GetRequiredService<SubgraphModule>().Name,
            app => new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/graphql"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }
}
