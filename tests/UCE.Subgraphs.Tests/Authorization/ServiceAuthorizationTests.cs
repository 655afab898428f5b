using Microsoft.EntityFrameworkCore;
using UCE.Service;
using UCE.Service.Data;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Subgraphs.Tests.Service;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>Cases for their customer and for staff only; internal notes for staff only; work lists, metrics and case moves for staff.</summary>
public sealed class ServiceAuthorizationTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    private const string VictimCase = "cas-000002-1";

    private GraphQLClient Attacker => fixture.As(TestCallers.Customer(Hostile.Attacker));

    public static TheoryData<string> ForeignCallers => new() { "customer", "anonymous", "partner", "service" };

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation_or_lists_only_the_callers_cases()
    {
        const string Query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Customer { id cases { id notes { body } } } ... on Account { cases { id customer { id } } } ... on Outage { cases { id customer { id } } } } }";
        var victimCaseOnAttackersAccount = await OpenAsVictimAsync(accountId: "acc-000001-r", outageId: "out-000001-01");
        var listsOfOthers = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Account"] = new { __typename = "Account", id = "acc-000001-r" },
            ["Outage"] = new { __typename = "Outage", id = "out-000001-01" },
        };

        foreach (var type in await Hostile.EntityTypesAsync(fixture.GraphQL))
        {
            if (type == "Customer")
            {
                var response = await Attacker.PostAsync(Query, new { r = new[] { new { __typename = "Customer", id = Hostile.Attacker }, new { __typename = "Customer", id = Hostile.Victim } } });

                Hostile.AssertRefused(response, "_entities", 1);
                Assert.Equal(Hostile.Attacker, response.At("_entities", 0, "id").GetString());
            }
            else
            {
                Assert.True(listsOfOthers.TryGetValue(type, out var representation), $"Entity type {type} has no case.");
                var asAttacker = (await Attacker.PostAsync(Query, new { r = new[] { representation } })).EnsureNoErrors();
                var asAgent = (await fixture.As(TestCallers.Agent).PostAsync(Query, new { r = new[] { representation } })).EnsureNoErrors();

                Assert.DoesNotContain(Hostile.VictimNumber, asAttacker.Body, StringComparison.Ordinal);
                Assert.All(asAttacker.At("_entities", 0, "cases").EnumerateArray(), c => Assert.Equal(Hostile.Attacker, c.GetProperty("customer").GetProperty("id").GetString()));
                Assert.Contains(asAgent.At("_entities", 0, "cases").EnumerateArray(), c => c.GetProperty("id").GetString() == victimCaseOnAttackersAccount);
            }
        }
    }

    [Fact]
    public async Task A_customer_reads_their_own_case_and_not_another_customers()
    {
        var own = (await Attacker.PostAsync("{ case(id: \"cas-000001-1\") { id customer { id } } }")).EnsureNoErrors();
        var other = await Attacker.PostAsync($"{{ case(id: \"{VictimCase}\") {{ id subject }} }}");
        var anonymous = await fixture.GraphQL.PostAsync($"{{ case(id: \"{VictimCase}\") {{ id subject }} }}");

        Assert.Equal(Hostile.Attacker, own.At("case", "customer", "id").GetString());
        Hostile.AssertRefused(other, "case");
        Hostile.AssertRefused(anonymous, "case");
    }

    [Fact]
    public async Task Customers_never_see_internal_notes_and_agents_see_all()
    {
        string caseId, customerId;
        int all, visible;
        await using (var db = fixture.Host.CreateDbContext<ServiceDbContext>())
        {
            var withBoth = await db.CaseNotes.AsNoTracking()
                .GroupBy(n => new { n.CaseId, n.CustomerId })
                .Where(g => g.Any(n => n.Visibility == CaseNoteVisibility.Internal) && g.Any(n => n.Visibility == CaseNoteVisibility.CustomerVisible))
                .Select(g => new { g.Key.CaseId, g.Key.CustomerId, All = g.Count(), Visible = g.Count(n => n.Visibility == CaseNoteVisibility.CustomerVisible) })
                .OrderBy(g => g.CaseId)
                .FirstAsync();
            (caseId, customerId, all, visible) = (withBoth.CaseId, withBoth.CustomerId, withBoth.All, withBoth.Visible);
        }

        var query = $"{{ case(id: \"{caseId}\") {{ notes {{ id visibility body }} }} }}";
        var asCustomer = (await fixture.As(TestCallers.Customer(customerId)).PostAsync(query)).EnsureNoErrors().At("case", "notes").EnumerateArray().ToList();
        var asAgent = (await fixture.As(TestCallers.Agent).PostAsync(query)).EnsureNoErrors().At("case", "notes").EnumerateArray().ToList();

        Assert.Equal(visible, asCustomer.Count);
        Assert.All(asCustomer, n => Assert.Equal("CUSTOMER_VISIBLE", n.GetProperty("visibility").GetString()));
        Assert.Equal(all, asAgent.Count);
        Assert.Contains(asAgent, n => n.GetProperty("visibility").GetString() == "INTERNAL");
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Staff_fields_and_case_moves_refuse_everybody_else(string role)
    {
        var caller = fixture.As(Caller(role));
        foreach (var (field, query) in new[]
        {
            ("agentWorkList", "{ agentWorkList(agent: \"dev-agent\") { totalCount } }"),
            ("queueWorkList", "{ queueWorkList(queue: BILLING) { totalCount } }"),
            ("serviceQualityMetrics", "{ serviceQualityMetrics(from: \"2026-01-01T00:00:00Z\", to: \"2026-02-01T00:00:00Z\") { resolvedCases } }"),
            ("assignCase", $"mutation {{ assignCase(input: {{ caseId: \"{VictimCase}\", agent: \"x\" }}) {{ case {{ id }} }} }}"),
            ("changeCaseStatus", $"mutation {{ changeCaseStatus(input: {{ caseId: \"{VictimCase}\", status: CLOSED }}) {{ case {{ id }} }} }}"),
            ("resolveCase", $"mutation {{ resolveCase(input: {{ caseId: \"{VictimCase}\", resolutionCode: EXPLAINED }}) {{ case {{ id }} }} }}"),
        })
        {
            var response = await caller.PostAsync(query);

            Hostile.AssertRefused(response, field);
        }

        var own = await fixture.As(TestCallers.Customer(Hostile.Attacker)).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id nextBestActions { kind } } } }",
            new { r = new[] { new { __typename = "Customer", id = Hostile.Attacker } } });
        Assert.Equal(["FORBIDDEN"], own.ErrorCodes);
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Acting_on_another_customers_case_is_forbidden_and_writes_nothing(string role)
    {
        var before = await NotesOfAsync(VictimCase);
        var caller = fixture.As(Caller(role));

        Hostile.AssertRefused(await CaseMutations.AddNoteAsync(caller, VictimCase, "hostile"), "addCaseNote");
        Hostile.AssertRefused(await CaseMutations.ReopenAsync(caller, VictimCase, "hostile"), "reopenCase");
        Hostile.AssertRefused(await CaseMutations.SubmitSurveyAsync(caller, VictimCase, 0), "submitCaseSurvey");
        Hostile.AssertRefused(
            await CaseMutations.OpenAsync(caller, new { customerId = Hostile.Victim, category = "COMPLAINT", subject = "hostile", description = "hostile" }),
            "openCase");

        Assert.Equal(before, await NotesOfAsync(VictimCase));
        await using var db = fixture.Host.CreateDbContext<ServiceDbContext>();
        Assert.False(await db.Cases.AnyAsync(c => c.Subject == "hostile"));
    }

    private static UCE.Subgraphs.Hosting.Identity.CallerIdentity Caller(string role) => role switch
    {
        "customer" => TestCallers.Customer(Hostile.Attacker),
        "partner" => TestCallers.Partner("energy-insights", "usage:read", "outages:read", "products:read"),
        "service" => TestCallers.Service("notifications:send", "outages:write"),
        _ => TestCallers.Anonymous,
    };

    private async Task<int> NotesOfAsync(string caseId)
    {
        await using var db = fixture.Host.CreateDbContext<ServiceDbContext>();
        return await db.CaseNotes.CountAsync(n => n.CaseId == caseId);
    }

    private async Task<string> OpenAsVictimAsync(string accountId, string outageId)
    {
        var response = (await CaseMutations.OpenAsync(fixture.As(TestCallers.Customer(Hostile.Victim)), new
        {
            customerId = Hostile.Victim,
            category = "OUTAGE",
            subject = "Lights out next door",
            description = "Opened against an account and outage that are not mine.",
            accountId,
            outageId,
        })).EnsureNoErrors();
        return response.At("openCase", "case", "id").GetString()!;
    }
}
