using UCE.Customers;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>The embedded default keeps the access log in <c>audit.db</c> beside the subgraphs' SQLite files.</summary>
public sealed class AgentAccessLogEmbeddedTests
{
    [Fact]
    public async Task On_sqlite_an_agent_read_is_logged_and_a_supervisor_reads_it()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), connectionString: null);
        (await host.As(TestCallers.Agent).PostAsync("query Look { customer(id: \"cus-000004\") { name } }", operationName: "Look")).EnsureNoErrors();

        var log = (await host.As(TestCallers.Supervisor).PostAsync(
            "{ agentAccessLog(customerId: \"cus-000004\", from: \"2000-01-01T00:00:00Z\", to: \"2100-01-01T00:00:00Z\") { agent operationName outcome } }")).EnsureNoErrors();

        var entry = Assert.Single(log.At("agentAccessLog").EnumerateArray());
        Assert.Equal(TestCallers.Agent.Subject, entry.GetProperty("agent").GetString());
        Assert.Equal("Look", entry.GetProperty("operationName").GetString());
        Assert.Equal("ALLOWED", entry.GetProperty("outcome").GetString());
    }
}
