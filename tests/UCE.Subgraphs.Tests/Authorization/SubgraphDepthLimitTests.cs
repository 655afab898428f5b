using UCE.Customers;
using UCE.Subgraphs.Tests.Customers;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>The subgraphs' own depth limit (<c>Subgraph:MaxDepth</c>), a second line behind the gateway's.</summary>
public sealed class SubgraphDepthLimitTests
{
    [Fact]
    public async Task A_query_deeper_than_the_configured_limit_is_refused_with_max_depth_limit_and_one_within_it_is_answered()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), connectionString: null, configuration: new Dictionary<string, string?> { ["Subgraph:MaxDepth"] = "6" });
        var agent = host.As(TestCallers.Agent);

        var deep = await agent.PostAsync(CustomersDeepNestingTests.NestedCustomerQuery(9));
        var shallow = await agent.PostAsync(CustomersDeepNestingTests.NestedCustomerQuery(3));

        Assert.Equal(["MAX_DEPTH_LIMIT"], deep.ErrorCodes);
        Assert.False(deep.Json.TryGetProperty("data", out _));
        shallow.EnsureNoErrors();
    }
}
