using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Diagnostics;

/// <summary>The outbox metrics of a subgraph: rows waiting and the oldest one's age, then 0 and the published count once a relay ran.</summary>
public sealed class OutboxMetricsTests : IAsyncLifetime
{
    private readonly string stream = TestRedis.UniqueName("outbox-metrics");
    private readonly InProcessEventStream shared = new(TimeProvider.System);
    private readonly List<SubgraphTestHost> hosts = [];
    private PostgresDatabase? database;

    public async Task InitializeAsync() => database = await PostgresDatabase.CreateAsync("outbox_metrics");

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rows_no_relay_published_show_as_pending_with_their_age_and_a_relay_brings_them_to_zero_counting_them_published()
    {
        var billing = ("subgraph", "billing");
        var writer = await StartBillingAsync(relay: false, seed: false);
        var written = DateTime.UtcNow.AddMinutes(-2);
        await using (var db = writer.CreateDbContext<BillingDbContext>())
        {
            db.Set<OutboxMessage>().AddRange(Enumerable.Range(1, 2).Select(n => new OutboxMessage
            {
                EventId = $"evt-metrics-{n}-{Guid.NewGuid():N}",
                Stream = stream,
                Type = "TEST",
                Payload = "{}",
                CreatedAt = written.AddSeconds(n),
            }));
            await db.SaveChangesAsync();
        }

        using (var stopped = new MetricsRecorder(writer.Services.GetRequiredService<IMeterFactory>()))
        {
            var measured = await writer.Services.GetRequiredService<OutboxRelay>().MeasureAsync(CancellationToken.None);

            Assert.Equal(2, measured?.Pending);
            Assert.Equal(2, stopped.Observed("uce.subgraph.outbox.pending", billing));
            Assert.InRange(stopped.Observed("uce.subgraph.outbox.oldest_age", billing) ?? -1, 119, 119 + Eventually.Bound.TotalSeconds);
        }

        await StopAsync(writer);

        // Listening from before the start: the relay publishes during it.
        using var running = new MetricsRecorder();
        var relay = await StartBillingAsync(relay: true, seed: false);
        running.Scope = relay.Services.GetRequiredService<IMeterFactory>();

        await Eventually.TrueAsync(
            () => running.Observed("uce.subgraph.outbox.pending", billing) == 0,
            "the relay measures its outbox empty after publishing");
        Assert.Equal(2, running.Counted("uce.subgraph.outbox.published", billing, ("stream", stream)));
        Assert.Equal(0, running.Observed("uce.subgraph.outbox.oldest_age", billing));
        Assert.Equal(2, (await shared.RangeAsync(stream, 10)).Count);
    }

    private async Task<SubgraphTestHost> StartBillingAsync(bool relay, bool seed)
    {
        var host = await SubgraphTestHost.StartAsync(new BillingSubgraph(), database!.ConnectionString, seedDemoData: seed, configuration: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Interactions:Stream"] = stream,
            ["Outbox:RelayEnabled"] = relay ? "true" : "false",
            ["Outbox:PollInterval"] = "00:00:00.100",
        }, sharedEventStream: shared);
        hosts.Add(host);
        return host;
    }

    private async Task StopAsync(SubgraphTestHost host)
    {
        hosts.Remove(host);
        await host.DisposeAsync();
    }
}
