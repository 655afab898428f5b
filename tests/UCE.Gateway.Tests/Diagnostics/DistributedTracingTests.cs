using System.Collections.Concurrent;
using System.Diagnostics;
using UCE.Gateway.Engine;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Diagnostics;

/// <summary>
/// The UCE subgraphs traced as the embedded default traces them: ASP.NET Core, HttpClient and <c>graphql.execute</c> spans
/// come from every host, and the one tracer of the process (the first subgraph's) instruments EF Core for all of them.
/// </summary>
public sealed class TracedSubgraphsFixture : UceSubgraphsFixture
{
    protected override bool EnableTracing => true;
}

/// <summary>
/// One trace follows a client's request through the gateway, each subgraph fetch and the subgraph's execution into its
/// SQL, every span the child of the one before: collected in process with an <see cref="ActivityListener"/> on every source.
/// </summary>
public sealed class DistributedTracingTests(TracedSubgraphsFixture subgraphs) : IClassFixture<TracedSubgraphsFixture>
{
    [Fact]
    public async Task One_trace_follows_a_gateway_request_through_each_subgraph_fetch_into_its_sql()
    {
        // The client's own trace context, as a browser or a partner's service sends it: the gateway joins its trace.
        var traceId = ActivityTraceId.CreateRandom();
        var clientSpan = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var gateway = await subgraphs.StartGatewayAsync();

        using var request = GraphQLHttp.PostQuery(
            "query TracedCustomer($id: ID!) { customer(id: $id) { name accounts { number balance { amount } } } }", new { id = "cus-000002" }).AsAgent();
        request.Headers.Add("traceparent", $"00-{traceId}-{clientSpan}-01");
        using var response = await gateway.Client.SendAsync(request);
        var body = await response.ReadJsonAsync();
        Assert.Null(body["errors"]);

        // The subgraphs' server spans end after their response is written: wait for the SQL of both.
        await GatewayTestHost.WaitUntilAsync(
            () => Task.FromResult(spans.Count(IsSql) >= 2 && spans.Count(span => span.OperationName == "graphql.execute") >= 2),
            TimeSpan.FromSeconds(30), "the subgraphs' spans of the trace have ended");
        var all = spans.ToList();
        var byId = all.ToDictionary(span => span.SpanId);

        var gatewayServer = Assert.Single(all, span => span.Kind == ActivityKind.Server && span.ParentSpanId == clientSpan);
        Assert.Equal("Microsoft.AspNetCore", gatewayServer.Source.Name);
        var fetches = all.Where(span => span.Source.Name == GatewayTracing.SourceName && span.OperationName == "subgraph.fetch").ToList();
        Assert.Equal(["billing", "customers"], fetches.Select(span => (string)span.GetTagItem("uce.subgraph")!).Distinct().Order());
        foreach (var fetch in fetches)
        {
            var subgraph = (string)fetch.GetTagItem("uce.subgraph")!;
            Assert.True(Descends(fetch, gatewayServer, byId), $"The {subgraph} fetch is not below the gateway's request span.");

            var httpClient = Assert.Single(all, span => span.Kind == ActivityKind.Client && span.ParentSpanId == fetch.SpanId);
            Assert.Equal("System.Net.Http", httpClient.Source.Name);
            var subgraphServer = Assert.Single(all, span => span.Kind == ActivityKind.Server && span.ParentSpanId == httpClient.SpanId);
            Assert.Equal("Microsoft.AspNetCore", subgraphServer.Source.Name);
            Assert.Equal("/graphql", subgraphServer.GetTagItem("url.path") ?? subgraphServer.GetTagItem("http.target"));
            var execute = Assert.Single(all, span => span.OperationName == "graphql.execute" && span.ParentSpanId == subgraphServer.SpanId);
            Assert.Equal("UCE.Subgraphs", execute.Source.Name);

            // Every command the subgraph sent for the operation is a child of its graphql.execute (one span per command:
            // EF Core instrumented by more than one tracer in a process nests a copy of each span in the other).
            var sql = all.Where(span => IsSql(span) && Descends(span, execute, byId)).ToList();
            Assert.True(sql.Count > 0, $"No SQL span below {subgraph}'s graphql.execute; spans of the trace: {Describe(all)}");
            Assert.All(sql, span => Assert.Equal(execute.SpanId, span.ParentSpanId));
            Assert.All(sql, span => Assert.Equal(ActivityKind.Client, span.Kind));
            Assert.All(sql, span => Assert.Equal("postgresql", span.GetTagItem("db.system")?.ToString()));
            Assert.Contains(sql, span => span.GetTagItem("db.statement")?.ToString()?.Contains("SELECT", StringComparison.Ordinal) == true);
        }

        Assert.All(all, span => Assert.Equal(traceId, span.TraceId));
    }

    private static bool IsSql(Activity span) => span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal);

    private static bool Descends(Activity span, Activity ancestor, Dictionary<ActivitySpanId, Activity> byId)
    {
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join("; ", spans.Select(span => $"{span.Source.Name}/{span.OperationName}/{span.DisplayName} {span.SpanId}<-{span.ParentSpanId}"));
}
