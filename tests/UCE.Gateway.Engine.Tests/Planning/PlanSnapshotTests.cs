using GraphQLParser;
using Snapshooter;
using Snapshooter.Xunit;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Tests.Supergraph;

namespace UCE.Gateway.Engine.Tests.Planning;

public sealed class PlanSnapshotTests
{
    public static IEnumerable<object[]> Queries => SupergraphFixtures.AllQueries();

    [Theory]
    [MemberData(nameof(Queries))]
    public void Fixture_query_plans_to_its_committed_snapshot(string fixture, string query)
    {
        var text = SupergraphFixtures.ReadQuery(fixture, query);
        var document = Parser.Parse(text);
        var operationName = query == "several-operations" ? "Second" : null;

        var plan = new QueryPlanner(SupergraphFixtures.Load(fixture)).Plan(document, operationName);

        Snapshot.Match(QueryPlanPrinter.Print(plan), SnapshotNameExtension.Create(fixture, query));
    }
}
