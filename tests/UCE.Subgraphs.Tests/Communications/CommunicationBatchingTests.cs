using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>N+1 guards for the communications subgraph; the demo set is extended to 300 customers.</summary>
public sealed class CommunicationBatchingTests(CommunicationBatchingTests.ExtendedFixture fixture) : IClassFixture<CommunicationBatchingTests.ExtendedFixture>
{
    private const string CustomerQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Customer {
              id
              communicationPreferences { preferences { channel topic optedIn } quietHours { start end } }
              notifications(first: 5) { id body status }
            }
          }
        }
        """;

    [Fact]
    public async Task Fifty_customers_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(CustomerQuery, Customers(5));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(CustomerQuery, Customers(50));

        five.EnsureNoErrors();
        var customers = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(50, customers.Count);
        Assert.All(customers, c => Assert.Equal(ChannelTopics.Supported.Count, c.GetProperty("communicationPreferences").GetProperty("preferences").GetArrayLength()));
        Assert.All(customers, c => Assert.NotEqual(0, c.GetProperty("notifications").GetArrayLength()));
        Assert.True(fiveCommands > 0);
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    private static object Customers(int count) => new
    {
        representations = Enumerable.Range(1, count).Select(i => new { __typename = "Customer", id = DemoGraph.CustomerId(i * 5) }).ToArray(),
    };

    /// <summary>The demo set plus customers 41–300, seeded as the generator does, in one chunk.</summary>
    public sealed class ExtendedFixture : SubgraphFixture<CommunicationsSubgraph>, IAsyncLifetime
    {
        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await using var db = Host.CreateDbContext<CommunicationsDbContext>();
            await new CommunicationsSubgraph().SeedAsync(db, Host.Demo.Slice(41, 260), CancellationToken.None);
        }
    }
}
