using UCE.Outages;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>The embedded default: no connection string, an SQLite file, the demo set seeded on start.</summary>
public sealed class OutageEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_set_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), connectionString: null);

        var response = (await host.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              activeOutages(first: 100) { id status affectedLocations { id } }
              _entities(representations: $representations) {
                ... on ServiceLocation { id currentOutage { id } outageHistory(first: 3) { id startedAt statusHistory { status } } }
              }
            }
            """,
            new { representations = new object[] { new { __typename = "ServiceLocation", id = "loc-000012" } } })).EnsureNoErrors();

        Assert.NotEqual(0, response.At("activeOutages").GetArrayLength());
        var history = response.At("_entities", 0, "outageHistory").EnumerateArray().Select(o => o.GetProperty("startedAt").GetDateTime()).ToList();
        Assert.NotEmpty(history);
        Assert.Equal(history.OrderByDescending(s => s), history);

        var reported = (await host.As(TestCallers.Agent).PostAsync(
            "mutation { reportOutage(input: { serviceLocationId: \"loc-000012\", description: \"Dark.\" }) { outageCreated outage { status } } }"))
            .EnsureNoErrors();
        Assert.True(reported.At("reportOutage", "outageCreated").GetBoolean());
    }
}
