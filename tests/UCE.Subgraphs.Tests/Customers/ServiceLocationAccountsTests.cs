using System.Text.Json;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Authorization;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>
/// Sixty customers, and one premise shared by two account holders: the victim holds a tenant's account at the attacker's
/// premise (<see cref="Hostile.Attacker"/>'s <c>loc-000001</c>), so a customer's own location also serves someone else.
/// </summary>
public sealed class SharedPremiseFixture : SubgraphFixture<CustomersSubgraph>
{
    public const int CustomerCount = 60;

    /// <summary>The victim's account at the attacker's premise.</summary>
    public const string TenantAccountNumber = "3000000002";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var extra = Host.Demo.Slice(DemoGraph.DemoCustomerCount + 1, CustomerCount - DemoGraph.DemoCustomerCount);
        await Host.Module.GenerateAsync(() => Host.CreateDbContext<CustomersDbContext>(), extra, null, CancellationToken.None);

        await using var db = Host.CreateDbContext<CustomersDbContext>();
        db.Accounts.Add(new Account
        {
            Id = "acc-000002-t",
            Number = TenantAccountNumber,
            Kind = AccountKind.Regulated,
            Status = AccountStatus.Active,
            Opened = new DateOnly(2024, 5, 1),
            CustomerId = Hostile.Victim,
            ServiceLocationId = DemoGraph.LocationId(1),
        });
        await db.SaveChangesAsync();
    }
}

/// <summary><c>ServiceLocation.accounts</c>: batched by location, ordered by number, and only the accounts the caller may read.</summary>
public sealed class ServiceLocationAccountsTests(SharedPremiseFixture fixture) : IClassFixture<SharedPremiseFixture>
{
    private const string EntitiesQuery = """
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) { ... on ServiceLocation { id accounts { number kind customer { id } } } }
        }
        """;

    [Fact]
    public async Task Accounts_of_50_locations_cost_the_same_one_query_as_those_of_5()
    {
        // The page of customers, their locations by customer, then the locations' accounts: three commands.
        const string query = "query ($first: Int) { customers(first: $first) { nodes { serviceLocations { id accounts { number } } } } }";

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, new { first = 5 });
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, new { first = 50 });

        Assert.Equal(5, five.EnsureNoErrors().At("customers", "nodes").GetArrayLength());
        var locations = fifty.EnsureNoErrors().At("customers", "nodes").EnumerateArray()
            .SelectMany(node => node.GetProperty("serviceLocations").EnumerateArray()).ToList();
        Assert.Equal(50, locations.Count);
        Assert.All(locations, location => Assert.NotEqual(0, location.GetProperty("accounts").GetArrayLength()));
        Assert.Equal(3, fiveCommands);
        Assert.Equal(3, fiftyCommands);
    }

    [Fact]
    public async Task Accounts_of_50_location_representations_cost_one_query_after_the_locations_own()
    {
        var representations = Enumerable.Range(1, 50).Select(i => new { __typename = "ServiceLocation", id = DemoGraph.LocationId(i) }).ToArray();

        // The locations by id, then their accounts (`Account.customer` adds the customers by id).
        var (response, commands) = await fixture.Host.MeasureAsync(EntitiesQuery, new { representations });

        var entities = response.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(representations.Select(r => r.id), entities.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(3, commands);
    }

    [Fact]
    public async Task An_agent_sees_every_account_served_at_a_location_ordered_by_number()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(EntitiesQuery, new
        {
            representations = new object[]
            {
                new { __typename = "ServiceLocation", id = DemoGraph.LocationId(3) },
                new { __typename = "ServiceLocation", id = DemoGraph.LocationId(1) },
                new { __typename = "ServiceLocation", id = "loc-999999" },
            },
        });

        var entities = response.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(["1000000003", "2000000003"], Numbers(entities[0]));
        Assert.Equal(["1000000001", SharedPremiseFixture.TenantAccountNumber], Numbers(entities[1]));
        Assert.Equal(Hostile.Victim, entities[1].GetProperty("accounts")[1].GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, entities[2].ValueKind);
    }

    [Fact]
    public async Task A_supervisor_sees_the_accounts_of_any_customers_location()
    {
        var response = await fixture.As(TestCallers.Supervisor).PostAsync(
            """{ customer(id: "cus-000002") { serviceLocations { accounts { number } } } }""");

        Assert.Equal(["1000000002"], Numbers(response.EnsureNoErrors().At("customer", "serviceLocations", 0)));
    }

    [Fact]
    public async Task A_customer_sees_their_own_accounts_at_their_location_and_not_another_holders()
    {
        var caller = fixture.As(TestCallers.Customer(Hostile.Attacker));

        var root = await caller.PostAsync("""{ customer(id: "cus-000001") { serviceLocations { id accounts { number customer { id } } } } }""");
        var entities = await caller.PostAsync(EntitiesQuery, new { representations = new object[] { new { __typename = "ServiceLocation", id = DemoGraph.LocationId(1) } } });

        Assert.Equal(["1000000001"], Numbers(root.EnsureNoErrors().At("customer", "serviceLocations", 0)));
        Assert.Equal(["1000000001"], Numbers(entities.EnsureNoErrors().At("_entities", 0)));
        Assert.DoesNotContain(SharedPremiseFixture.TenantAccountNumber, root.Body + entities.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile.VictimNumber, root.Body + entities.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_asking_for_another_customers_location_and_its_accounts_gets_null_and_forbidden()
    {
        var response = await fixture.As(TestCallers.Customer(Hostile.Attacker)).PostAsync(EntitiesQuery, new
        {
            representations = new object[]
            {
                new { __typename = "ServiceLocation", id = DemoGraph.LocationId(1) },
                new { __typename = "ServiceLocation", id = DemoGraph.LocationId(2) },
            },
        });

        Hostile.AssertRefused(response, "_entities", 1);
        Assert.Equal(["1000000001"], Numbers(response.At("_entities", 0)));
    }

    [Fact]
    public async Task Anonymous_callers_and_partners_read_no_accounts_through_a_location()
    {
        var representations = new object[] { new { __typename = "ServiceLocation", id = DemoGraph.LocationId(2) } };

        foreach (var client in new[] { fixture.GraphQL, fixture.As(TestCallers.Partner("energy-insights", "usage:read", "outages:read")) })
        {
            var response = await client.PostAsync(EntitiesQuery, new { representations });

            Hostile.AssertRefused(response, "_entities", 0);
        }
    }

    private static string[] Numbers(JsonElement location) =>
        location.GetProperty("accounts").EnumerateArray().Select(account => account.GetProperty("number").GetString()!).ToArray();
}
