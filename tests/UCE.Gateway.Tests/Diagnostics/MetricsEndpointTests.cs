using System.Net;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Diagnostics;

/// <summary><c>/metrics</c> in Prometheus' text format and <c>/health</c> naming the supergraph served, after real traffic.</summary>
public sealed class MetricsEndpointTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    [Fact]
    public async Task Operations_errors_subgraph_fetches_caches_and_the_supergraph_hash_are_exported_for_prometheus()
    {
        // Over sockets, so that Kestrel's connection metrics are this gateway's. Gateways of other test classes in this
        // process create meters of the same names; each host exports its own, so every value here is this gateway's.
        await using var gateway = await subgraphs.StartGatewayAsync(overSockets: true);
        var operation = "AgentLookup" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            var ok = await Customer360Tests.PostAsAgentAsync(gateway, "query " + operation + "($id: ID!) { customer(id: $id) { name accounts { balance { amount } } } }", new { id = "cus-000002" });
            Assert.Null(ok["errors"]);
        }

        using (var invalid = GraphQLHttp.PostQuery("{ customer(id: \"cus-000002\") { noSuchField } }").AsAgent())
        using (var refused = await gateway.Client.SendAsync(invalid))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var response = await gateway.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        var hash = gateway.Active.Current!.ContentHash;

        Assert.Equal(3, Value(text, "uce_gateway_operations_total", $"graphql_operation_name=\"{operation}\""));
        Assert.Equal(3, Value(text, "uce_gateway_operation_duration_seconds_count", $"graphql_operation_name=\"{operation}\""));
        Assert.Equal(1, Value(text, "uce_gateway_errors_total", "error_code=\"GRAPHQL_VALIDATION_FAILED\""));
        Assert.True(Value(text, "uce_gateway_subgraph_fetch_duration_seconds_count", "subgraph=\"billing\"") >= 1);
        // The cache counters are observed from the served engine: two of the three operations found their plan cached.
        var plans = ((UCE.Gateway.Engine.FederatedGateway)gateway.Active.Current!.Engine).PlanCacheStatistics;
        Assert.True(plans.Hits >= 2);
        Assert.Equal(plans.Hits, Value(text, "uce_gateway_plan_cache_hits_total", "otel_scope_name=\"UCE.Gateway\""));
        Assert.True(Value(text, "uce_gateway_supergraph_info", $"supergraph_hash=\"{hash}\"") >= 1);
        Assert.Contains("kestrel_active_connections", text, StringComparison.Ordinal);

        // Every metric the Grafana dashboard charts is one the gateway exports, or for uce_subgraph_* one the subgraph hosts
        // export (those that appear only once their event happened are named here; the subgraph tests scrape a host after
        // its outbox published and its consumer processed, failed and dead-lettered entries).
        string[] afterTheirEvent =
        [
            "uce_gateway_subscriptions_active", "uce_gateway_subgraph_circuit_open", "uce_persisted_document_requests_total",
            "uce_subgraph_outbox_published_total", "uce_subgraph_stream_processed_total", "uce_subgraph_stream_failed_total",
            "uce_subgraph_stream_dead_lettered_total", "uce_subgraph_stream_last_processed_age_seconds",
        ];
        var dashboard = await File.ReadAllTextAsync(UceSubgraphsFixture.RepositoryFile("deploy/grafana/uce-gateway.json"));
        var charted = System.Text.RegularExpressions.Regex.Matches(dashboard, "(uce|kestrel)_[a-z_]+(?=\\{)").Select(m => m.Value)
            .Select(name => System.Text.RegularExpressions.Regex.Replace(name, "_(bucket|count|sum)$", "")).Distinct().ToList();
        var ofSubgraphs = charted.Where(name => name.StartsWith("uce_subgraph_", StringComparison.Ordinal)).ToList();
        Assert.True(charted.Count - ofSubgraphs.Count >= 10);
        Assert.True(ofSubgraphs.Count >= 7);
        Assert.All(charted.Except(ofSubgraphs).Except(afterTheirEvent), name => Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal));

        // Billing has an outbox and a directory consumer: its gauges are there once the relay measured and the lag was read.
        var billingMetrics = new Uri(subgraphs.Urls["billing"], "/metrics");
        await GatewayTestHost.WaitUntilAsync(async () =>
        {
            using var http = new HttpClient();
            var subgraphText = await http.GetStringAsync(billingMetrics);
            return ofSubgraphs.Except(afterTheirEvent).All(name => subgraphText.Contains($"# TYPE {name} ", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(30), "billing's /metrics exports every gauge of the dashboard's subgraph panels");

        using var health = await gateway.Client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal(hash, body["supergraph"]!["hash"]!.GetValue<string>());
        Assert.Equal(1, body["supergraph"]!["loads"]!.GetValue<int>());
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string text, string metric, string label)
    {
        var samples = text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(samples.Count > 0, $"No sample of {metric} with {label} in:\n{text}");
        return samples.Sum();
    }
}
