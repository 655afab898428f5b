using UCE.Service;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>The embedded default: no connection string, an SQLite file, the demo cases seeded on start.</summary>
public sealed class ServiceEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_cases_and_opens_new_ones_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new ServiceSubgraph(), connectionString: null);
        var agent = host.As(TestCallers.AgentNamed("dev-agent"));

        var demo = (await agent.PostAsync(
            """
            query($r: [_Any!]!) {
              _entities(representations: $r) { ... on Customer { cases { id status notes { visibility } survey { score } } } }
              agentWorkList(first: 5) { totalCount nodes { slaDueAt } }
            }
            """,
            new { r = new[] { new { __typename = "Customer", id = "cus-000001" } } })).EnsureNoErrors();

        Assert.NotEqual(0, demo.At("_entities", 0, "cases").GetArrayLength());
        Assert.NotEqual(0, demo.At("agentWorkList", "totalCount").GetInt32());
        var due = demo.At("agentWorkList", "nodes").EnumerateArray().Select(n => n.GetProperty("slaDueAt").GetDateTime()).ToList();
        Assert.Equal(due.Order(), due);

        var id = await CaseMutations.OpenForAsync(agent, "cus-000001", "HIGH_BILL");
        await CaseMutations.ResolveNewAsync(agent, id);
        var resolved = (await agent.PostAsync($"{{ case(id: \"{id}\") {{ status assignedAgent slaBreached }} }}")).EnsureNoErrors();
        Assert.Equal("RESOLVED", resolved.At("case", "status").GetString());
        Assert.Equal("dev-agent", resolved.At("case", "assignedAgent").GetString());
        Assert.False(resolved.At("case", "slaBreached").GetBoolean());
    }
}
