using Snapshooter;
using Snapshooter.Xunit;

namespace UCE.Gateway.Engine.Tests.Authorization;

/// <summary>The plan a caller gets once authorization has removed what it may not select, as a committed snapshot.</summary>
public sealed class FilteredPlanSnapshotTests
{
    private const string Query = """
        query Account {
          users { name email emailDomain orders { amount } }
          search { ... on User { name } ... on Invoice { total } }
        }
        """;

    [Theory]
    [InlineData("full-rights", "admin", "billing")]
    [InlineData("no-scopes")]
    public async Task Filtered_plan_leaves_out_the_removed_fields_and_the_fetches_only_they_needed(string caller, params string[] scopes)
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync(Query, caller: AuthorizationGraph.Caller("customer", scopes), includeQueryPlan: true);

        Snapshot.Match(response["extensions"]!["queryPlan"]!.GetValue<string>(), SnapshotNameExtension.Create(caller));
    }
}
