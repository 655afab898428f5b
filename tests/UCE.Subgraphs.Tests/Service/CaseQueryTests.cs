using Microsoft.EntityFrameworkCore;
using UCE.Service;
using UCE.Service.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>Reads of the seeded cases through the service subgraph on PostgreSQL.</summary>
public sealed class CaseQueryTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    [Fact]
    public async Task The_committed_SDL_is_what_the_service_subgraph_produces() =>
        await SubgraphSchemaFile.AssertMatchesAsync(new ServiceSubgraph());

    [Fact]
    public async Task A_customer_entity_lists_its_cases_newest_first()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id cases { id customer { id } status category slaDueAt openedAt } } } }
            """,
            new { r = new[] { new { __typename = "Customer", id = "cus-000001" } } })).EnsureNoErrors();

        var cases = response.At("_entities", 0, "cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Equal("cus-000001", c.GetProperty("customer").GetProperty("id").GetString()));
        var opened = cases.Select(c => c.GetProperty("openedAt").GetDateTime()).ToList();
        Assert.Equal(opened.OrderDescending(), opened);
    }

    [Fact]
    public async Task An_unknown_case_is_CASE_NOT_FOUND()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("{ case(id: \"cas-nope\") { id } }");

        Assert.Equal(["CASE_NOT_FOUND"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("agentWorkList(agent: \"dev-agent\"", "agent")]
    [InlineData("queueWorkList(queue: BILLING", "queue")]
    public async Task A_work_list_pages_through_the_open_cases_soonest_SLA_first(string field, string by)
    {
        List<string> expected;
        await using (var db = fixture.Host.CreateDbContext<ServiceDbContext>())
        {
            var open = await db.Cases.AsNoTracking()
                .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .Where(c => by == "agent" ? c.AssignedAgent == "dev-agent" : c.Queue == CaseQueue.Billing)
                .ToListAsync();
            expected = open.OrderBy(c => c.SlaDueAt).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        }

        Assert.True(expected.Count > 3, $"The demo set has only {expected.Count} cases for this list.");
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var name = field[..field.IndexOf('(', StringComparison.Ordinal)];
            var page = (await fixture.As(TestCallers.Agent).PostAsync(
                $"query($after: String) {{ {field}, first: 3, after: $after) {{ totalCount nodes {{ id status slaDueAt }} edges {{ cursor }} pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }}",
                new { after })).EnsureNoErrors().At(name);
            Assert.Equal(expected.Count, page.GetProperty("totalCount").GetInt32());
            Assert.Equal(after is not null, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 2) / 3, pages);
    }

    [Theory]
    [InlineData("{ queueWorkList(queue: BILLING, after: \"not-a-cursor\") { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ queueWorkList(queue: BILLING, first: 0) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ agentWorkList(first: 101) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ queueWorkList(queue: NOWHERE) { totalCount } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ serviceQualityMetrics(from: \"2026-02-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\") { resolvedCases } }", "BAD_USER_INPUT")]
    public async Task Bad_work_list_and_metrics_arguments_are_refused_with_a_code(string query, string code)
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(query);

        Assert.Equal([code], response.ErrorCodes);
    }

    [Fact]
    public async Task The_calling_agents_work_list_is_theirs_by_default()
    {
        var mine = (await fixture.As(TestCallers.AgentNamed("dev-agent")).PostAsync("{ agentWorkList { totalCount nodes { assignedAgent } } }")).EnsureNoErrors();

        Assert.NotEqual(0, mine.At("agentWorkList", "totalCount").GetInt32());
        Assert.All(mine.At("agentWorkList", "nodes").EnumerateArray(), n => Assert.Equal("dev-agent", n.GetProperty("assignedAgent").GetString()));
    }
}
