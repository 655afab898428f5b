using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary>The embedded default: no connection string, an SQLite file, the demo set seeded on start.</summary>
public sealed class UsageEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_set_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new UsageSubgraph(), connectionString: null);

        var response = (await host.GraphQL.PostAsync(
            """
            query($r: [_Any!]!) {
              _entities(representations: $r) {
                ... on ServiceLocation { meterId usage(from: "2026-11-27T00:00:00Z", to: "2026-11-28T00:00:00Z", granularity: HOUR) { points { start kWh } } }
                ... on Account { usageSummary { current { kWh } previous { kWh } highUsage } }
              }
            }
            """,
            new { r = new object[] { new { __typename = "ServiceLocation", id = "loc-000030" }, new { __typename = "Account", id = "acc-000030-r" } } })).EnsureNoErrors();

        Assert.Equal("MTR-00000030", response.At("_entities", 0, "meterId").GetString());
        Assert.Equal(24, response.At("_entities", 0, "usage", "points").GetArrayLength());
        Assert.True(response.At("_entities", 1, "usageSummary", "previous", "kWh").GetDouble() > 0);
    }
}
