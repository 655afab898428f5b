using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>Sixty customers: the demo set plus twenty more, so 50 parents can be asked for.</summary>
public sealed class SixtyCustomersFixture : SubgraphFixture<CustomersSubgraph>
{
    public const int CustomerCount = 60;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var extra = Host.Demo.Slice(DemoGraph.DemoCustomerCount + 1, CustomerCount - DemoGraph.DemoCustomerCount);
        await Host.Module.GenerateAsync(() => Host.CreateDbContext<CustomersDbContext>(), extra, null, CancellationToken.None);
    }
}

/// <summary>N+1 is impossible by construction: the SQL command count of a query does not grow with its parents.</summary>
public sealed class CustomersBatchingTests(SixtyCustomersFixture fixture) : IClassFixture<SixtyCustomersFixture>
{
    public static TheoryData<string, string> ListHops => new()
    {
        { "Customer.accounts", "query ($first: Int) { customers(first: $first) { nodes { accounts { id number } } } }" },
        { "Customer.serviceLocations", "query ($first: Int) { customers(first: $first) { nodes { serviceLocations { meterId } } } }" },
        { "Customer.interactions", "query ($first: Int) { customers(first: $first) { nodes { interactions { channel at } } } }" },
        { "Account.customer", "query ($first: Int) { customers(first: $first) { nodes { accounts { customer { name } } } } }" },
        { "Account.serviceLocation", "query ($first: Int) { customers(first: $first) { nodes { accounts { serviceLocation { meterId } } } } }" },
        {
            "every hop at once",
            "query ($first: Int) { customers(first: $first) { totalCount nodes { accounts { customer { id } serviceLocation { id } } serviceLocations { id } interactions { id } } } }"
        },
    };

    public static TheoryData<string> EntityKeys => new()
    {
        "Customer.id",
        "Account.id",
        "Account.number",
        "ServiceLocation.id",
        "mixed",
    };

    [Theory]
    [MemberData(nameof(ListHops))]
    public async Task List_hop_costs_the_same_sql_for_50_parents_as_for_5(string hop, string query)
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, new { first = 5 });
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, new { first = 50 });

        fifty.EnsureNoErrors();
        five.EnsureNoErrors();
        Assert.Equal(50, fifty.At("customers", "nodes").GetArrayLength());
        Assert.True(fiftyCommands == fiveCommands, $"{hop}: {fiveCommands} SQL commands for 5 parents, {fiftyCommands} for 50");
        Assert.InRange(fiftyCommands, 1, 7);
    }

    [Theory]
    [MemberData(nameof(EntityKeys))]
    public async Task Entities_cost_the_same_sql_for_50_representations_as_for_5(string key)
    {
        const string query = """
            query ($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on Customer { id accounts { number } }
                ... on Account { id customer { id } serviceLocation { meterId } }
                ... on ServiceLocation { id meterId }
              }
            }
            """;

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, new { representations = Representations(key, 5) });
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, new { representations = Representations(key, 50) });

        five.EnsureNoErrors();
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(50, entities.Count);
        Assert.All(entities, entity => Assert.Equal(System.Text.Json.JsonValueKind.Object, entity.ValueKind));
        Assert.True(fiftyCommands == fiveCommands, $"{key}: {fiveCommands} SQL commands for 5 representations, {fiftyCommands} for 50");
    }

    [Fact]
    public async Task Entities_of_one_type_are_fetched_with_one_sql_command()
    {
        var (response, commands) = await fixture.Host.MeasureAsync(
            "query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { name } } }",
            new { representations = Representations("Customer.id", 50) });

        response.EnsureNoErrors();
        Assert.Equal(1, commands);
    }

    private static object[] Representations(string key, int count) =>
        Enumerable.Range(1, count).Select(i => key switch
        {
            "Customer.id" => (object)new { __typename = "Customer", id = DemoGraph.CustomerId(i) },
            "Account.id" => new { __typename = "Account", id = DemoGraph.RegulatedAccountId(i) },
            "Account.number" => new { __typename = "Account", number = DemoGraph.Customer(i).Accounts[0].Number },
            "ServiceLocation.id" => new { __typename = "ServiceLocation", id = DemoGraph.LocationId(i) },
            _ => (i % 4) switch
            {
                0 => new { __typename = "Customer", id = DemoGraph.CustomerId(i) },
                1 => new { __typename = "Account", id = DemoGraph.RegulatedAccountId(i) },
                2 => new { __typename = "Account", number = DemoGraph.Customer(i).Accounts[0].Number },
                _ => new { __typename = "ServiceLocation", id = DemoGraph.LocationId(i) },
            },
        }).ToArray();
}
