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
        await AddOutboxRowAsync(interactions);

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

        // Other hosts alive in this process export through meters of the same name; /metrics shows this host's only, so
        // the samples (the outbox gauges carry only the subgraph's name) are this host's.
        var text = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(Sample(text, "uce_subgraph_outbox_published_total", ("stream", interactions)) == 1
            && Sample(text, "uce_subgraph_stream_processed_total", ("stream", directory), group) == 1
            && Sample(text, "uce_subgraph_stream_dead_lettered_total", ("stream", directory), group) == 1
            && Sample(text, "uce_subgraph_stream_lag", ("stream", directory), group) == 0
            && Sample(text, "uce_subgraph_stream_pending", ("stream", directory), group) == 0
            && Sample(text, "uce_subgraph_outbox_pending", ("subgraph", "billing")) == 0))
        {
            Assert.True(clock.Elapsed < Eventually.Bound, $"The relay did not publish the row or the directory consumer did not handle both entries; /metrics:\n{text}");
            await Task.Delay(20);
            text = await ScrapeAsync();
        }

        Assert.Contains("# TYPE uce_subgraph_outbox_pending gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE uce_subgraph_outbox_oldest_age_seconds gauge", text, StringComparison.Ordinal);
        Assert.Contains("uce_subgraph_outbox_pending{otel_scope_name=\"UCE.Subgraphs\",subgraph=\"billing\"} 0", text, StringComparison.Ordinal);
        Assert.Equal(0, Sample(text, "uce_subgraph_outbox_oldest_age_seconds", ("subgraph", "billing")));
        Assert.InRange(Sample(text, "uce_subgraph_stream_last_processed_age_seconds", ("stream", directory), group) ?? -1, 0, Eventually.Bound.TotalSeconds * 2);

        // ASP.NET Core's meter records a request once it has ended: a scrape shows the ones before it.
        await Eventually.TrueAsync(
            async () => (await ScrapeAsync()).Contains("# TYPE http_server_request_duration_seconds histogram", StringComparison.Ordinal),
            "the HTTP server's request durations are exported");
    }

    [Fact]
    public async Task A_host_exports_its_own_instruments_and_not_those_of_another_host_in_the_process()
    {
        var otherStream = TestRedis.UniqueName("endpoint-other-interactions");
        await using var other = await SubgraphTestHost.StartAsync(new BillingSubgraph(), database!.ConnectionString, seedDemoData: false, configuration: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Interactions:Stream"] = otherStream,
            ["Directory:Stream"] = TestRedis.UniqueName("endpoint-other-directory"),
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Subgraph:Metrics:RefreshInterval"] = "00:00:00.100",
        }, sharedEventStream: new InProcessEventStream(TimeProvider.System));

        // Both hosts relay the same outbox table: whichever publishes the row counts it under its own stream name.
        await AddOutboxRowAsync(otherStream);

        string mine = "", theirs = "";
        await Eventually.TrueAsync(
            async () =>
            {
                mine = await ScrapeAsync();
                theirs = await ScrapeAsync(other);
                return (Sample(mine, "uce_subgraph_outbox_published_total", ("stream", otherStream)) ?? 0)
                    + (Sample(theirs, "uce_subgraph_outbox_published_total", ("stream", otherStream)) ?? 0) >= 1
                    && Sample(mine, "uce_subgraph_outbox_pending", ("subgraph", "billing")) == 0
                    && Sample(theirs, "uce_subgraph_outbox_pending", ("subgraph", "billing")) == 0;
            },
            "one of the two hosts published the row and both measured their outbox after it");

        // One count in the process, exported by the host that made it only (before, each host exported every host's
        // instruments of the meter, and the published row showed on both).
        Assert.True(
            Sample(mine, "uce_subgraph_outbox_published_total", ("stream", otherStream)) is null
                ^ Sample(theirs, "uce_subgraph_outbox_published_total", ("stream", otherStream)) is null,
            $"the row's count shows on exactly one host; this host:\n{mine}\nthe other:\n{theirs}");
    }

    private async Task AddOutboxRowAsync(string stream)
    {
        await using var db = billing!.CreateDbContext<BillingDbContext>();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = $"evt-endpoint-{Guid.NewGuid():N}",
            Stream = stream,
            Type = "TEST",
            Payload = "{}",
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private Task<string> ScrapeAsync() => ScrapeAsync(billing!);

    private static async Task<string> ScrapeAsync(SubgraphTestHost host)
    {
        using var response = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
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
