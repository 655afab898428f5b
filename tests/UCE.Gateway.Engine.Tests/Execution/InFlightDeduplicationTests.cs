using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>
/// The subgraph holds every request until the test opens its gate, and the gate opens only once each gateway request
/// has either reached the subgraph or joined one in flight: the requests are provably in flight together, however
/// slow the machine, and the counts below are exact.
/// </summary>
public sealed class InFlightDeduplicationTests
{
    private const string Query = "{ me { username } }";

    [Fact]
    public async Task Identical_queries_in_flight_at_once_reach_the_subgraph_once()
    {
        var (subgraphs, gate) = GatedAccounts();
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs).Plan(Query, Root("accounts", Query));

        var responses = await AllInFlightThenOpenAsync(gateway, gate, Enumerable.Range(0, 5).Select(_ => gateway.RunAsync(Query)).ToList());

        Assert.All(responses, r => Assert.Equal("ada", r["data"]!["me"]!["username"]!.GetValue<string>()));
        Assert.Single(subgraphs.RequestsTo("accounts"));
        Assert.Equal(4, gateway.Engine.DeduplicatedRequests);
    }

    [Fact]
    public async Task Requests_with_different_forwarded_headers_are_not_shared()
    {
        var (subgraphs, gate) = GatedAccounts();
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs).Plan(Query, Root("accounts", Query));

        await AllInFlightThenOpenAsync(gateway, gate, [
            gateway.RunAsync(Query, headers: new Dictionary<string, string> { ["x-user-id"] = "u1" }),
            gateway.RunAsync(Query, headers: new Dictionary<string, string> { ["x-user-id"] = "u2" })]);

        Assert.Equal(["u1", "u2"], subgraphs.RequestsTo("accounts").Select(r => r.Headers["x-user-id"]).Order(StringComparer.Ordinal));
        Assert.Equal(0, gateway.Engine.DeduplicatedRequests);
    }

    [Fact]
    public async Task Requests_with_different_variables_are_not_shared()
    {
        const string query = "query($first: Int) { topProducts(first: $first) { upc } }";
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subgraphs.SetGate("products", gate.Task);
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs).Plan(query, Root("products", query, "first"));

        await AllInFlightThenOpenAsync(gateway, gate, [
            gateway.RunAsync(query, """{"first": 1}"""),
            gateway.RunAsync(query, """{"first": 2}"""),
            gateway.RunAsync(query, """{"first": 1}""")]);

        Assert.Equal([1, 2], subgraphs.RequestsTo("products").Select(r => r.Variables.GetProperty("first").GetInt32()).Order());
        Assert.Equal(1, gateway.Engine.DeduplicatedRequests);
    }

    [Fact]
    public async Task Deduplication_can_be_switched_off()
    {
        var (subgraphs, gate) = GatedAccounts();
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs, new GatewayOptions { DeduplicateInFlightQueries = false })
            .Plan(Query, Root("accounts", Query));

        await AllInFlightThenOpenAsync(gateway, gate, [gateway.RunAsync(Query), gateway.RunAsync(Query), gateway.RunAsync(Query)]);

        Assert.Equal(3, subgraphs.RequestsTo("accounts").Count);
    }

    [Fact]
    public async Task Identical_mutations_are_never_shared()
    {
        const string mutation = "mutation { rename(name: \"x\") { username } }";
        var (subgraphs, gate) = GatedAccounts();
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs)
            .Plan(mutation, Root("accounts", mutation), GraphQLParser.AST.OperationType.Mutation);

        await AllInFlightThenOpenAsync(gateway, gate, [gateway.RunAsync(mutation), gateway.RunAsync(mutation)]);

        Assert.Equal(2, subgraphs.RequestsTo("accounts").Count);
        Assert.Equal(0, gateway.Engine.DeduplicatedRequests);
    }

    private static (InMemorySubgraphHandler Subgraphs, TaskCompletionSource Gate) GatedAccounts()
    {
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subgraphs.SetGate("accounts", gate.Task);
        return (subgraphs, gate);
    }

    /// <summary>
    /// Waits until every one of <paramref name="requests"/> has reached the (gated) subgraph or joined a request in flight
    /// there, checks that none has answered yet, then opens the gate and returns the answers.
    /// </summary>
    private static async Task<JsonObject[]> AllInFlightThenOpenAsync(TestGateway gateway, TaskCompletionSource gate, List<Task<JsonObject>> requests)
    {
        await Eventually.TrueAsync(
            () => gateway.Subgraphs.Requests.Count + gateway.Engine.DeduplicatedRequests >= requests.Count,
            $"{requests.Count} gateway requests at the subgraph or sharing one in flight");
        Assert.All(requests, request => Assert.False(request.IsCompleted, "a request answered while the subgraph was held"));

        gate.SetResult();
        var responses = await Task.WhenAll(requests).WaitAsync(Eventually.Bound);
        Assert.All(responses, response => Assert.Null(response["errors"]));
        return responses;
    }
}
