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

        // A service request per customer, so that Customer.serviceRequests and its account hops have rows to load.
        await using var db = Host.CreateDbContext<CustomersDbContext>();
        db.ServiceRequests.AddRange(Enumerable.Range(1, CustomerCount).Select(index => new ServiceRequest
        {
            Id = $"sr-{index:D6}",
            ConfirmationNumber = $"SR-T{index:D6}",
            CustomerId = DemoGraph.CustomerId(index),
            Kind = ServiceRequestKind.Move,
            Status = ServiceRequestStatus.Scheduled,
            ScheduledFor = Host.DemoDate.AddDays(7),
            OpenedAccountId = DemoGraph.RegulatedAccountId(index),
            ClosedAccountId = DemoGraph.RegulatedAccountId(index),
            RequestedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// N+1 is impossible by construction: a query costs the same, exact number of SQL commands for 50 distinct parents as
/// for 5, one per DataLoader (or page query) it reaches.
/// </summary>
public sealed class CustomersBatchingTests(SixtyCustomersFixture fixture) : IClassFixture<SixtyCustomersFixture>
{
    // The page of customers is one command; each hop below it adds one per loader it reaches.
    public static TheoryData<string, string, int> ListHops => new()
    {
        { "Customer.accounts", "query ($first: Int) { customers(first: $first) { nodes { accounts { id number } } } }", 2 },
        { "Customer.serviceLocations", "query ($first: Int) { customers(first: $first) { nodes { serviceLocations { meterId } } } }", 2 },
        { "Customer.interactions", "query ($first: Int) { customers(first: $first) { nodes { interactions { channel at eventType subject { type id } } } } }", 2 },
        { "Customer.serviceRequests", "query ($first: Int) { customers(first: $first) { nodes { serviceRequests { confirmationNumber status } } } }", 2 },

        // Both account hops of a request share the account loader: one lookup by id for all of them.
        { "ServiceRequest.openedAccount and closedAccount", "query ($first: Int) { customers(first: $first) { nodes { serviceRequests { openedAccount { number } closedAccount { status } } } } }", 3 },

        // The page query does not fill the customer loader, so Account.customer costs a lookup by id.
        { "Account.customer", "query ($first: Int) { customers(first: $first) { nodes { accounts { customer { name } } } } }", 3 },
        { "Account.serviceLocation", "query ($first: Int) { customers(first: $first) { nodes { accounts { serviceLocation { meterId } } } } }", 3 },
        {
            // Page, totalCount, accounts, service locations by customer, interactions, then customers and service
            // locations by id for the accounts' hops.
            "every hop at once",
            "query ($first: Int) { customers(first: $first) { totalCount nodes { accounts { customer { id } serviceLocation { id } } serviceLocations { id } interactions { id } } } }",
            7
        },
    };

    // The representations' own lookups, then one per loader the selection reaches from them (Customer.accounts,
    // Account.customer, Account.serviceLocation). Mixed: four key lookups, then accounts by customer and customers
    // and service locations by id again (the accounts' hops lead to other rows than the ones asked for).
    public static TheoryData<string, int> EntityKeys => new()
    {
        { "Customer.id", 2 },
        { "Account.id", 3 },
        { "Account.number", 3 },
        { "ServiceLocation.id", 1 },
        { "mixed", 7 },
    };

    [Theory]
    [MemberData(nameof(ListHops))]
    public async Task List_hop_costs_the_same_sql_for_50_parents_as_for_5(string hop, string query, int commands)
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, new { first = 5 });
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, new { first = 50 });

        Assert.Equal(5, five.EnsureNoErrors().At("customers", "nodes").GetArrayLength());
        Assert.Equal(50, fifty.EnsureNoErrors().At("customers", "nodes").GetArrayLength());
        Assert.True(fiveCommands == commands, $"{hop}: {fiveCommands} SQL commands for 5 parents, expected {commands}");
        Assert.True(fiftyCommands == commands, $"{hop}: {fiftyCommands} SQL commands for 50 parents, expected {commands}");
    }

    [Theory]
    [MemberData(nameof(EntityKeys))]
    public async Task Entities_cost_the_same_sql_for_50_representations_as_for_5(string key, int commands)
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

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(50, entities.Count);
        Assert.All(entities, entity => Assert.Equal(System.Text.Json.JsonValueKind.Object, entity.ValueKind));
        Assert.Equal(50, entities.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.True(fiveCommands == commands, $"{key}: {fiveCommands} SQL commands for 5 representations, expected {commands}");
        Assert.True(fiftyCommands == commands, $"{key}: {fiftyCommands} SQL commands for 50 representations, expected {commands}");
    }

    [Fact]
    public async Task Entities_of_one_type_are_fetched_with_one_sql_command()
    {
        var (response, commands) = await fixture.Host.MeasureAsync(
            "query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { id name } } }",
            new { representations = Representations("Customer.id", 50) });

        Assert.Equal(
            Enumerable.Range(1, 50).Select(DemoGraph.CustomerId),
            response.EnsureNoErrors().At("_entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
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
