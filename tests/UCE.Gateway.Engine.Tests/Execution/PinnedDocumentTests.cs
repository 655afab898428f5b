using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>
/// Pinned documents (<see cref="IGatewayEngine.PinDocumentsAsync"/>): the host's trusted documents, parsed, validated and
/// planned when pinned, and held outside the bounded caches while they stay pinned.
/// </summary>
public sealed class PinnedDocumentTests : IDisposable
{
    private const string Query = "{ me { username } }";
    private const string Key = "sha256:00000000000000000000000000000000000000000000000000000000000000a1";
    private const string OtherQuery = "{ someone: me { username } }";
    private const string OtherKey = "sha256:00000000000000000000000000000000000000000000000000000000000000a2";
    private const string Answer = """{"data":{"me":{"username":"ada"}}}""";

    // Caches of two entries, so that a handful of other documents is a flood.
    private readonly TestGateway _gateway = new(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), new GatewayOptions { DocumentCacheSize = 2, PlanCacheSize = 2 });

    public PinnedDocumentTests()
    {
        _gateway.Plan(Query, Root("accounts", "{ me { username } }"));
        _gateway.Plan(OtherQuery, Root("accounts", "{ someone: me { username } }"));
        for (var i = 0; i < 6; i++)
        {
            _gateway.Plan(Flood(i), Root("accounts", $"{{ a{i}: me {{ username }} }}"));
        }
    }

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task A_pinned_document_is_prepared_and_planned_when_pinned_so_its_first_request_does_neither()
    {
        var report = await PinAsync((Key, Query));

        Assert.Equal(new[] { 1, 1, 1 }, new[] { report.Pinned, report.Prepared, report.Plans });
        Assert.Empty(report.Failed);
        Assert.Equal(1, _gateway.PlanCalls);

        var first = await RunAsync(Query, Key);

        Assert.Equal(Answer, first.ToJsonString());
        Assert.Equal(1, _gateway.PlanCalls);
        Assert.Equal((1L, 0L), _gateway.Engine.DocumentCacheStatistics);
        Assert.Equal((1L, 0L), _gateway.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task A_flood_of_other_documents_evicts_a_keyed_document_but_not_a_pinned_one()
    {
        await PinAsync((Key, Query));
        Assert.Equal("""{"data":{"someone":{"username":"ada"}}}""", (await RunAsync(OtherQuery, OtherKey)).ToJsonString());
        var plannedBefore = _gateway.PlanCalls;

        for (var i = 0; i < 6; i++)
        {
            Assert.Null((await _gateway.RunAsync(Flood(i)))["errors"]);
        }

        var plannedByFlood = _gateway.PlanCalls - plannedBefore;
        await RunAsync(Query, Key);
        Assert.Equal(plannedBefore + plannedByFlood, _gateway.PlanCalls);

        // The same flood pushed the plan of the merely cached keyed document out: it is planned again.
        await RunAsync(OtherQuery, OtherKey);
        Assert.Equal(plannedBefore + plannedByFlood + 1, _gateway.PlanCalls);
    }

    [Fact]
    public async Task Pinning_again_keeps_what_is_held_prepares_what_is_new_and_lets_go_of_what_left()
    {
        await PinAsync((Key, Query));
        var both = await PinAsync((Key, Query), (OtherKey, OtherQuery));
        var onlyOther = await PinAsync((OtherKey, OtherQuery));

        Assert.Equal(new[] { 2, 1, 1 }, new[] { both.Pinned, both.Prepared, both.Plans });
        Assert.Equal(new[] { 1, 0, 0 }, new[] { onlyOther.Pinned, onlyOther.Prepared, onlyOther.Plans });
        Assert.Equal(1, _gateway.Engine.PinnedDocuments);
        Assert.Equal(2, _gateway.PlanCalls);

        // What left is still served, through the caches: planned on its first request.
        Assert.Equal(Answer, (await RunAsync(Query, Key)).ToJsonString());
        Assert.Equal(3, _gateway.PlanCalls);
    }

    [Fact]
    public async Task A_request_whose_text_is_not_the_pinned_text_of_its_key_is_not_given_the_pinned_document()
    {
        await PinAsync((Key, Query));

        var response = await RunAsync(OtherQuery, Key);

        Assert.Equal("""{"data":{"someone":{"username":"ada"}}}""", response.ToJsonString());
    }

    [Fact]
    public async Task A_pinned_document_that_does_not_validate_is_reported_and_answers_with_its_errors()
    {
        var report = await PinAsync((Key, "{ me { nickname } }"), (OtherKey, OtherQuery));

        Assert.Equal(2, report.Pinned);
        var (failedKey, reason) = Assert.Single(report.Failed);
        Assert.Equal(Key, failedKey);
        Assert.Contains("nickname", reason, StringComparison.Ordinal);

        var response = await RunAsync("{ me { nickname } }", Key);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(response["data"]);
    }

    [Fact]
    public async Task A_pinned_document_the_planner_refuses_is_pinned_unplanned_and_its_request_gets_the_planning_error()
    {
        const string Unplanned = "{ topProducts { upc } }";
        var report = await PinAsync((Key, Unplanned));

        Assert.Equal(new[] { 1, 1, 0 }, new[] { report.Pinned, report.Prepared, report.Plans });
        Assert.Empty(report.Failed);
        var response = await RunAsync(Unplanned, Key);
        Assert.Equal("QUERY_PLANNING_FAILED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pinned_document_keeps_sixteen_plans_for_callers_with_different_rights_and_the_rest_go_to_the_plan_cache()
    {
        // Four scopes and two roles each remove their own fields: 32 callers, 32 sets of removed selections (one empty).
        const string Guarded = "{ users { name label email ssn profile { salary } } secretCode }";
        using var graph = Authorization.AuthorizationGraph.Start(new GatewayOptions { PlanCacheSize = 2 });
        await graph.Engine.PinDocumentsAsync(new Dictionary<string, string> { [Key] = Guarded }, CancellationToken.None);
        string[] scopes = ["labels", "admin", "pii", "secrets"];
        var callers = (from role in new[] { "customer", "hr" }
                       from mask in Enumerable.Range(0, 16)
                       select Authorization.AuthorizationGraph.Caller(role, [.. scopes.Where((_, i) => (mask & (1 << i)) != 0)])).ToList();

        async Task<(long Hits, long Misses)> EveryCallerAsync()
        {
            var before = graph.Engine.PlanCacheStatistics;
            foreach (var caller in callers)
            {
                var response = await graph.Engine.ExecuteAsync(new GatewayRequest(Guarded, Caller: caller, DocumentKey: Key), CancellationToken.None);
                // Only what the caller may not see is refused (non-null fields take their parents with them), nothing else fails.
                Assert.All(response.Errors, error => Assert.Equal("UNAUTHORIZED_FIELD_OR_TYPE", error["extensions"]!["code"]!.GetValue<string>()));
            }

            var after = graph.Engine.PlanCacheStatistics;
            return (after.Hits - before.Hits, after.Misses - before.Misses);
        }

        // The full-rights caller's plan was made when the document was pinned; 31 more are made now.
        Assert.Equal((1L, 31L), await EveryCallerAsync());

        // 15 of them stayed with the document beside the first; the other 16 went through a plan cache of two and were evicted.
        Assert.Equal((16L, 16L), await EveryCallerAsync());
    }

    private static string Flood(int i) => $"{{ a{i}: me {{ username }} }}";

    private async Task<PinnedDocumentsReport> PinAsync(params (string Key, string Text)[] documents) =>
        await _gateway.Engine.PinDocumentsAsync(documents.ToDictionary(document => document.Key, document => document.Text), CancellationToken.None);

    private Task<JsonObject> RunAsync(string query, string key) => _gateway.RunRawAsync(new GatewayRequest(query, DocumentKey: key));
}
