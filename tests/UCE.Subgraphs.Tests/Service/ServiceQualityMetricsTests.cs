using System.Text.Json;
using UCE.Service;
using UCE.Service.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>
/// <c>serviceQualityMetrics</c> against figures worked out by hand for a fixed set of eleven cases, on PostgreSQL and on
/// SQLite. The clock reads 2026-06-15 12:00 UTC; the window is June 1–15.
/// </summary>
public sealed class ServiceQualityMetricsTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private const string Query = """
        query($queue: CaseQueue) {
          serviceQualityMetrics(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z", queue: $queue) {
            queue surveyResponses netPromoterScore customerSatisfaction averageSurveyScore
            resolvedCases firstContactResolutionRate averageHandlingMinutes slaAttainment
            openCases openCasesPastSla backlog { label minDays maxDays count }
          }
        }
        """;

    public static TheoryData<string> Databases => new() { "postgresql", "sqlite" };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task The_metrics_of_all_queues_are_the_hand_computed_ones(string database)
    {
        await using var run = await StartAsync(database);

        var metrics = (await run.Host.As(TestCallers.Supervisor).PostAsync(Query)).EnsureNoErrors().At("serviceQualityMetrics");

        // Surveys in the window: A 10, B 7, C 9, D 3, E 8 (F's came after it). Promoters A, C; detractor D; satisfied A, C, E.
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("queue").ValueKind);
        Assert.Equal(5, metrics.GetProperty("surveyResponses").GetInt32());
        Assert.Equal(20.0, metrics.GetProperty("netPromoterScore").GetDouble());
        Assert.Equal(60.0, metrics.GetProperty("customerSatisfaction").GetDouble());
        Assert.Equal(7.4, metrics.GetProperty("averageSurveyScore").GetDouble());

        // Resolved in the window: A 720, B 3,600, C 180, D 30,240, F 60 minutes (E before it). First contact: A, C, F
        // (B waited on the customer, D took 21 days). Within SLA: all but D.
        Assert.Equal(5, metrics.GetProperty("resolvedCases").GetInt32());
        Assert.Equal(60.0, metrics.GetProperty("firstContactResolutionRate").GetDouble());
        Assert.Equal(6960.0, metrics.GetProperty("averageHandlingMinutes").GetDouble());
        Assert.Equal(80.0, metrics.GetProperty("slaAttainment").GetDouble());

        // Open now: G 10 h, K 18 h, H 2 days, I 5 days, J 45 days old; H, I and J past their SLA.
        Assert.Equal(5, metrics.GetProperty("openCases").GetInt32());
        Assert.Equal(3, metrics.GetProperty("openCasesPastSla").GetInt32());
        Assert.Equal([2, 1, 1, 1], metrics.GetProperty("backlog").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));
        Assert.Equal([0, 1, 3, 7], metrics.GetProperty("backlog").EnumerateArray().Select(b => b.GetProperty("minDays").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task The_metrics_of_one_queue_count_its_cases_only(string database)
    {
        await using var run = await StartAsync(database);

        var metrics = (await run.Host.As(TestCallers.Agent).PostAsync(Query, new { queue = "BILLING" })).EnsureNoErrors().At("serviceQualityMetrics");

        // Billing: A, B, E, F, G. Surveys A 10, B 7, E 8; resolved A, B, F; open G.
        Assert.Equal("BILLING", metrics.GetProperty("queue").GetString());
        Assert.Equal(3, metrics.GetProperty("surveyResponses").GetInt32());
        Assert.Equal(33.3, metrics.GetProperty("netPromoterScore").GetDouble());
        Assert.Equal(66.7, metrics.GetProperty("customerSatisfaction").GetDouble());
        Assert.Equal(8.33, metrics.GetProperty("averageSurveyScore").GetDouble());
        Assert.Equal(3, metrics.GetProperty("resolvedCases").GetInt32());
        Assert.Equal(66.7, metrics.GetProperty("firstContactResolutionRate").GetDouble());
        Assert.Equal(1460.0, metrics.GetProperty("averageHandlingMinutes").GetDouble());
        Assert.Equal(100.0, metrics.GetProperty("slaAttainment").GetDouble());
        Assert.Equal(1, metrics.GetProperty("openCases").GetInt32());
        Assert.Equal(0, metrics.GetProperty("openCasesPastSla").GetInt32());
        Assert.Equal([1, 0, 0, 0], metrics.GetProperty("backlog").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_window_without_surveys_or_resolutions_has_null_rates(string database)
    {
        await using var run = await StartAsync(database);

        var metrics = (await run.Host.As(TestCallers.Agent).PostAsync(
            "{ serviceQualityMetrics(from: \"2025-01-01T00:00:00Z\", to: \"2025-02-01T00:00:00Z\", queue: REGULATORY) { surveyResponses netPromoterScore customerSatisfaction resolvedCases slaAttainment averageHandlingMinutes firstContactResolutionRate openCases } }"))
            .EnsureNoErrors().At("serviceQualityMetrics");

        Assert.Equal(0, metrics.GetProperty("surveyResponses").GetInt32());
        Assert.Equal(0, metrics.GetProperty("resolvedCases").GetInt32());
        foreach (var rate in new[] { "netPromoterScore", "customerSatisfaction", "slaAttainment", "averageHandlingMinutes", "firstContactResolutionRate" })
        {
            Assert.Equal(JsonValueKind.Null, metrics.GetProperty(rate).ValueKind);
        }

        Assert.Equal(1, metrics.GetProperty("openCases").GetInt32());
    }

    [Fact]
    public async Task The_metrics_are_computed_in_three_sql_statements()
    {
        await using var run = await StartAsync("sqlite");

        var (response, commands) = await run.Host.MeasureAsync(Query, caller: TestCallers.Supervisor);

        response.EnsureNoErrors();
        Assert.Equal(3, commands);
    }

    private static async Task<MetricsRun> StartAsync(string database)
    {
        var postgres = database == "postgresql" ? await PostgresDatabase.CreateAsync("service-metrics") : null;
        var host = await SubgraphTestHost.StartAsync(new ServiceSubgraph(), postgres?.ConnectionString, seedDemoData: false, clock: new FixedClock(new DateTimeOffset(Now)));
        await using (var db = host.CreateDbContext<ServiceDbContext>())
        {
            db.CustomerProfiles.AddRange(Enumerable.Range(1, 11).Select(i => new CustomerProfile { CustomerId = $"cus-{i:D6}" }));
            AddFixedCases(db);
            await db.SaveChangesAsync();
        }

        return new MetricsRun(host, postgres);
    }

    private static void AddFixedCases(ServiceDbContext db)
    {
        var n = 0;
        Case Open(CaseCategory category, CasePriority priority, DateTime at)
        {
            n++;
            var opened = Case.Open(
                new CaseOpening($"cas-fixed-{n:D2}", $"cus-{n:D6}", category, priority, CaseChannel.Phone, CaseServiceLevels.DefaultQueue(category), $"Case {n}", "Fixed.", "agent-007"),
                at);
            opened.AssignTo("agent-007", at.AddMinutes(1));
            opened.MoveTo(CaseStatus.InProgress, at.AddMinutes(2));
            db.Cases.Add(opened);
            return opened;
        }

        void Survey(Case answered, int score, DateTime at) =>
            db.CaseSurveys.Add(new CaseSurvey { CaseId = answered.Id, CustomerId = answered.CustomerId, Score = score, SubmittedAt = at });

        static DateTime June(int day, int hour = 0) => new(2026, 6, day, hour, 0, 0, DateTimeKind.Utc);

        // A: billing inquiry, 12 h, on first contact, within its 72 h SLA.
        var a = Open(CaseCategory.BillingInquiry, CasePriority.Normal, June(1, 8));
        a.Resolve(CaseResolutionCode.Explained, June(1, 20));
        a.MoveTo(CaseStatus.Closed, June(3));
        Survey(a, 10, June(4));

        // B: billing inquiry, waited on the customer, 60 h, within its 72 h SLA.
        var b = Open(CaseCategory.BillingInquiry, CasePriority.Normal, June(2));
        b.MoveTo(CaseStatus.WaitingOnCustomer, June(2, 6));
        b.MoveTo(CaseStatus.InProgress, June(3));
        b.Resolve(CaseResolutionCode.BillAdjusted, June(4, 12));
        b.MoveTo(CaseStatus.Closed, June(6));
        Survey(b, 7, June(7));

        // C: outage, high priority (4 h SLA), resolved in 3 h.
        var c = Open(CaseCategory.Outage, CasePriority.High, June(3, 10));
        c.Resolve(CaseResolutionCode.ServiceRestored, June(3, 13));
        c.MoveTo(CaseStatus.Closed, June(5));
        Survey(c, 9, June(5, 18));

        // D: complaint opened in May (120 h SLA), resolved after 21 days.
        var d = Open(CaseCategory.Complaint, CasePriority.Normal, new DateTime(2026, 5, 20, 0, 0, 0, DateTimeKind.Utc));
        d.Resolve(CaseResolutionCode.Escalated, June(10));
        d.MoveTo(CaseStatus.Closed, June(13));
        Survey(d, 3, June(14));

        // E: billing inquiry resolved before the window; its survey came inside it.
        var e = Open(CaseCategory.BillingInquiry, CasePriority.Normal, new DateTime(2026, 5, 29, 0, 0, 0, DateTimeKind.Utc));
        e.Resolve(CaseResolutionCode.Explained, new DateTime(2026, 5, 30, 0, 0, 0, DateTimeKind.Utc));
        e.MoveTo(CaseStatus.Closed, June(1, 12));
        Survey(e, 8, June(2));

        // F: billing inquiry resolved in an hour inside the window; its survey came after it.
        var f = Open(CaseCategory.BillingInquiry, CasePriority.Normal, June(14, 10));
        f.Resolve(CaseResolutionCode.Explained, June(14, 11));
        f.MoveTo(CaseStatus.Closed, June(14, 12));
        Survey(f, 7, June(15, 6));

        // Open: G billing 10 h old; H outage 2 days old, past its 4 h SLA; I complaint 5 days 1 h old, past its 120 h SLA;
        // J product support 45 days old; K regulatory complaint 18 h old.
        db.Cases.Add(Case.Open(new CaseOpening("cas-fixed-g", "cus-000007", CaseCategory.BillingInquiry, CasePriority.Normal, CaseChannel.Web, CaseQueue.Billing, "G", "Open.", null), June(15, 2)));
        n = 7;
        Open(CaseCategory.Outage, CasePriority.High, June(13, 12));
        var i = Open(CaseCategory.Complaint, CasePriority.Normal, new DateTime(2026, 6, 10, 11, 0, 0, DateTimeKind.Utc));
        i.MoveTo(CaseStatus.WaitingOnCustomer, June(11));
        Open(CaseCategory.ProductSupport, CasePriority.Normal, new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc));
        Open(CaseCategory.RegulatoryComplaint, CasePriority.High, June(14, 18));
    }

    private sealed class MetricsRun(SubgraphTestHost host, PostgresDatabase? postgres) : IAsyncDisposable
    {
        public SubgraphTestHost Host { get; } = host;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }
}
