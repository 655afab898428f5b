using System.Net;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Diagnostics;

/// <summary><c>/metrics</c> of a subgraph host in Prometheus' text format, with the outbox and stream metrics after real events.</summary>
public sealed class SubgraphMetricsEndpointTests : IAsyncLifetime
{
    private readonly string interactions = TestRedis.UniqueName("endpoint-interactions");
    private readonly string directory = TestRedis.UniqueName("endpoint-directory");
    private readonly InProcessEventStream shared = new(TimeProvider.System);
    private PostgresDatabase? database;
    private SubgraphTestHost? billing;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("metrics_endpoint");
        billing = await SubgraphTestHost.StartAsync(new BillingSubgraph(), database.ConnectionString, seedDemoData: false, configuration: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Interactions:Stream"] = interactions,
            ["Directory:Stream"] = directory,
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Subgraph:Metrics:RefreshInterval"] = "00:00:00.100",
        }, sharedEventStream: shared);
    }

    public async Task DisposeAsync()
    {
        if (billing is not null)
        {
            await billing.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_subgraph_exports_outbox_and_stream_lag_and_its_http_server_for_prometheus()
    {
        await using (var db = billing!.CreateDbContext<BillingDbContext>())
        {
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                EventId = $"evt-endpoint-{Guid.NewGuid():N}",
                Stream = interactions,
                Type = "TEST",
                Payload = "{}",
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var onboarded = new DirectoryEvent
        {
            EventId = $"evt-endpoint-{Guid.NewGuid():N}",
            Type = DirectoryEventTypes.CustomerOnboarded,
            CustomerId = "cus-metrics-1",
            Customer = new DirectoryCustomer("Metrics Customer", "metrics@example.com", null, Commercial: false),
            OccurredAt = DateTime.UtcNow,
        };
        await shared.AddAsync(directory, new Dictionary<string, string>(StringComparer.Ordinal) { [OutboxMessage.PayloadField] = onboarded.ToJson() });
        await shared.AddAsync(directory, new Dictionary<string, string>(StringComparer.Ordinal) { [OutboxMessage.PayloadField] = "not a directory event" });
        var group = ("group", "billing");

        // Other hosts of the test run export through the same meter name, and a billing host's outbox gauges carry only
        // the subgraph's name: their values are checked by OutboxMetricsTests, here that they are exported. Streams and
        // the published counter carry this test's stream names.
        var text = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(Sample(text, "uce_subgraph_outbox_published_total", ("stream", interactions)) == 1
            && Sample(text, "uce_subgraph_stream_processed_total", ("stream", directory), group) == 1
            && Sample(text, "uce_subgraph_stream_dead_lettered_total", ("stream", directory), group) == 1
            && Sample(text, "uce_subgraph_stream_lag", ("stream", directory), group) == 0
            && Sample(text, "uce_subgraph_stream_pending", ("stream", directory), group) == 0
            // The outbox gauges of another billing host alive in this process at the same moment can stand in for this
            // host's under the same names until that host stops; wait until this host's are the ones exported.
            && text.Contains("# TYPE uce_subgraph_outbox_pending gauge", StringComparison.Ordinal)
            && text.Contains("# TYPE uce_subgraph_outbox_oldest_age_seconds gauge", StringComparison.Ordinal)))
        {
            Assert.True(clock.Elapsed < Eventually.Bound, $"The relay did not publish the row or the directory consumer did not handle both entries; /metrics:\n{text}");
            await Task.Delay(20);
            text = await ScrapeAsync();
        }

        Assert.Contains("# TYPE uce_subgraph_outbox_pending gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE uce_subgraph_outbox_oldest_age_seconds gauge", text, StringComparison.Ordinal);
        Assert.Contains("uce_subgraph_outbox_pending{otel_scope_name=\"UCE.Subgraphs\",subgraph=\"billing\"}", text, StringComparison.Ordinal);
        Assert.InRange(Sample(text, "uce_subgraph_stream_last_processed_age_seconds", ("stream", directory), group) ?? -1, 0, Eventually.Bound.TotalSeconds * 2);

        // ASP.NET Core's meter records a request once it has ended: a scrape shows the ones before it.
        await Eventually.TrueAsync(
            async () => (await ScrapeAsync()).Contains("# TYPE http_server_request_duration_seconds histogram", StringComparison.Ordinal),
            "the HTTP server's request durations are exported");
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await billing!.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> with every label of <paramref name="labels"/>; null when there is none.</summary>
    private static double? Sample(string text, string metric, params (string Name, string Value)[] labels)
    {
        var samples = text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return samples.Count == 1 ? samples[0] : null;
    }
}
