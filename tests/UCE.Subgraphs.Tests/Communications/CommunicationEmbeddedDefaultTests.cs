using UCE.Communications;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>The embedded default: no connection string, an SQLite file, the demo set seeded on start.</summary>
public sealed class CommunicationEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_set_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CommunicationsSubgraph(), connectionString: null);

        var response = (await host.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              messageTemplates { id }
              _entities(representations: $representations) {
                ... on Customer { communicationPreferences { preferences { optedIn } quietHours { start end } } notifications(first: 2) { queuedAt } }
              }
            }
            """,
            new { representations = new object[] { new { __typename = "Customer", id = "cus-000012" } } })).EnsureNoErrors();

        Assert.NotEqual(0, response.At("messageTemplates").GetArrayLength());
        Assert.Equal("22:00", response.At("_entities", 0, "communicationPreferences", "quietHours", "start").GetString());
        Assert.Equal(2, response.At("_entities", 0, "notifications").GetArrayLength());

        var updated = (await host.As(TestCallers.Agent).PostAsync(
            "mutation { updateCommunicationPreferences(input: { customerId: \"cus-000012\", preferences: [{ channel: PUSH, topic: USAGE, optedIn: false }], quietHours: { start: \"21:00\", end: \"06:00\" } }) { communicationPreferences { quietHours { start } } } }"))
            .EnsureNoErrors();
        Assert.Equal("21:00", updated.At("updateCommunicationPreferences", "communicationPreferences", "quietHours", "start").GetString());
    }
}
