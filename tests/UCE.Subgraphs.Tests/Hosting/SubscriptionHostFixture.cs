using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>
/// The sample subgraph on SQLite, listening on a loopback socket, with short transport timers and a small send queue
/// (<see cref="SendQueueLimit"/>) and message limit (<see cref="MaxMessageBytes"/>) so that protocol timeouts and slow consumers show within a test's time.
/// </summary>
public sealed class SubscriptionHostFixture : IAsyncLifetime
{
    public const int SendQueueLimit = 16;

    /// <summary>The largest message a WebSocket client may send here (<c>Subgraph:MaxRequestBodyBytes</c>).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    public static readonly TimeSpan ConnectionInitTimeout = TimeSpan.FromSeconds(2);

    private SubgraphTestHost? host;

    public SubgraphTestHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri Address => Host.SocketAddress!;

    public SampleEvents Events => Host.Services.GetRequiredService<SampleEvents>();

    public async Task InitializeAsync()
    {
        host = await SubgraphTestHost.StartAsync(new SampleSubgraph(), connectionString: null, overSocket: true, configuration: new Dictionary<string, string?>
        {
            ["Subgraph:Subscriptions:ConnectionInitTimeout"] = ConnectionInitTimeout.ToString(),
            ["Subgraph:Subscriptions:SendQueueLimit"] = SendQueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Subgraph:Subscriptions:KeepAliveInterval"] = "00:00:01",
            ["Subgraph:MaxRequestBodyBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
