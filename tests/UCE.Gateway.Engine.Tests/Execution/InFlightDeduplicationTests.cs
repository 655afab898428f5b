using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class InFlightDeduplicationTests
{
    private const string Query = "{ me { username } }";

    [Fact]
    public async Task Identical_queries_in_flight_at_once_reach_the_subgraph_once()
    {
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        // Long enough that all five requests reach the gateway while the first is still in flight, even on a loaded machine.
        subgraphs.SetDelay("accounts", TimeSpan.FromMilliseconds(1500));
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs).Plan(Query, Root("accounts", Query));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => gateway.RunAsync(Query)));

        Assert.All(responses, r => Assert.Equal("ada", r["data"]!["me"]!["username"]!.GetValue<string>()));
        Assert.Single(subgraphs.RequestsTo("accounts"));
    }

    [Fact]
    public async Task Requests_with_different_forwarded_headers_are_not_shared()
    {
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        subgraphs.SetDelay("accounts", TimeSpan.FromMilliseconds(300));
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs).Plan(Query, Root("accounts", Query));

        await Task.WhenAll(
            gateway.RunAsync(Query, headers: new Dictionary<string, string> { ["x-user-id"] = "u1" }),
            gateway.RunAsync(Query, headers: new Dictionary<string, string> { ["x-user-id"] = "u2" }));

        Assert.Equal(2, subgraphs.RequestsTo("accounts").Count);
    }

    [Fact]
    public async Task Deduplication_can_be_switched_off()
    {
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        subgraphs.SetDelay("accounts", TimeSpan.FromMilliseconds(300));
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs, new GatewayOptions { DeduplicateInFlightQueries = false })
            .Plan(Query, Root("accounts", Query));

        await Task.WhenAll(gateway.RunAsync(Query), gateway.RunAsync(Query), gateway.RunAsync(Query));

        Assert.Equal(3, subgraphs.RequestsTo("accounts").Count);
    }

    [Fact]
    public async Task Identical_mutations_are_never_shared()
    {
        const string mutation = "mutation { rename(name: \"x\") { username } }";
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        subgraphs.SetDelay("accounts", TimeSpan.FromMilliseconds(300));
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs)
            .Plan(mutation, Root("accounts", mutation), GraphQLParser.AST.OperationType.Mutation);

        await Task.WhenAll(gateway.RunAsync(mutation), gateway.RunAsync(mutation));

        Assert.Equal(2, subgraphs.RequestsTo("accounts").Count);
    }
}
