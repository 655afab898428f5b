using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>N+1 guards for the communications subgraph: the exact SQL command count for 5 and for 50 distinct customers (the demo set is extended to 300).</summary>
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

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var customers = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(CustomerIds(50), customers.Select(c => c.GetProperty("id").GetString()));
        Assert.All(customers, c => Assert.Equal(ChannelTopics.Supported.Count, c.GetProperty("communicationPreferences").GetProperty("preferences").GetArrayLength()));
        Assert.All(customers, c => Assert.NotEqual(0, c.GetProperty("notifications").GetArrayLength()));

        // Recipients (quiet hours), notifications, preferences: one command per loader.
        Assert.Equal(3, fiveCommands);
        Assert.Equal(3, fiftyCommands);
    }

    private static List<string> CustomerIds(int count) => Enumerable.Range(1, count).Select(i => DemoGraph.CustomerId(i * 5)).ToList();

    private static object Customers(int count) => new
    {
        representations = CustomerIds(count).Select(id => new { __typename = "Customer", id }).ToArray(),
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
