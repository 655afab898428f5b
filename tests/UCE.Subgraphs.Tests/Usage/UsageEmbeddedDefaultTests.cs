using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary>The embedded default: no connection string, an SQLite file, the demo set seeded on start.</summary>
public sealed class UsageEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_set_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new UsageSubgraph(), connectionString: null);
        var readThrough = UsageSeed.ReadThrough(host.DemoDate);

        var response = (await host.As(TestCallers.Agent).PostAsync(
            """
            query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) {
              _entities(representations: $r) {
                ... on ServiceLocation { meterId usage(from: $from, to: $to, granularity: HOUR) { points { start kWh } } }
                ... on Account { usageSummary { current { kWh } previous { kWh } highUsage } }
              }
            }
            """,
            new
            {
                r = new object[] { new { __typename = "ServiceLocation", id = "loc-000030" }, new { __typename = "Account", id = "acc-000030-r" } },
                from = IsoUtc.At(readThrough),
                to = IsoUtc.At(readThrough.AddDays(1)),
            })).EnsureNoErrors();

        Assert.Equal("MTR-00000030", response.At("_entities", 0, "meterId").GetString());
        Assert.Equal(24, response.At("_entities", 0, "usage", "points").GetArrayLength());
        Assert.True(response.At("_entities", 1, "usageSummary", "previous", "kWh").GetDouble() > 0);
    }
}
