using GraphQLParser;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Tests.Supergraph;

namespace UCE.Gateway.Engine.Tests.Planning;

/// <summary>The shape of the customer-360 plan; its planning cost is measured in <c>bench/</c> (<c>UCE.Bench plan</c>), not here.</summary>
public sealed class Customer360PlanTests
{
    [Fact]
    public void Customer_360_query_over_six_subgraphs_plans_seven_fetches_and_plans_the_same_twice()
    {
        var supergraph = SupergraphFixtures.Load("customer-360");
        var query = SupergraphFixtures.ReadQuery("customer-360", "customer-360");
        var planner = new QueryPlanner(supergraph);

        var first = planner.Plan(Parser.Parse(query), null);
        var second = planner.Plan(Parser.Parse(query), null);

        Assert.Equal(6, supergraph.Subgraphs.Count);
        Assert.Equal(7, CountFetches(first.Root));
        Assert.Equal(QueryPlanPrinter.Print(first), QueryPlanPrinter.Print(second));
    }

    private static int CountFetches(PlanNode? node) => node switch
    {
        FetchNode => 1,
        FlattenNode flatten => CountFetches(flatten.Node),
        SequenceNode sequence => sequence.Nodes.Sum(CountFetches),
        ParallelNode parallel => parallel.Nodes.Sum(CountFetches),
        _ => 0,
    };
}
