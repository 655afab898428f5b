using UCE.Customers;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>A signed-in customer, anonymous callers, partners and services against other customers' data in the customers subgraph.</summary>
public sealed class CustomersAuthorizationTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private GraphQLClient Attacker => fixture.As(TestCallers.Customer(Hostile.Attacker));

    /// <summary>Every root field a customer might try, by name: the query and the path that must be refused.</summary>
    public static TheoryData<string, string, string> RootFieldCases => new()
    {
        { "customer by id", """{ customer(id: "cus-000002") { id name email phone } }""", "customer" },
        { "customer aliased next to their own", """{ mine: customer(id: "cus-000001") { id } theirs: customer(id: "cus-000002") { id name } }""", "theirs" },
        { "customer through a named fragment", """query { theirs: customer(id: "cus-000002") { ...Contact } } fragment Contact on Customer { name email phone accounts { number } }""", "theirs" },
        { "customer through an inline fragment", """{ customer(id: "cus-000002") { ... on Customer { serviceLocations { line1 city } interactions { summary } } } }""", "customer" },
        { "account by number", """{ account(number: "1000000002") { id number customer { name } serviceLocation { line1 } } }""", "account" },
        { "the customer list", """{ customers(first: 5) { nodes { id name } totalCount } }""", "customers" },
        { "the customer search", """{ customers(search: "cus-000002") { edges { node { id email } } } }""", "customers" },
        { "the access log", """{ agentAccessLog(customerId: "cus-000002", from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { agent } }""", "agentAccessLog" },
    };

    /// <summary>One representation of the victim's per entity type; a type the schema adds must be added here.</summary>
    private static readonly Dictionary<string, object[]> VictimRepresentations = new(StringComparer.Ordinal)
    {
        ["Customer"] = [new { __typename = "Customer", id = "cus-000002" }],
        ["Account"] = [new { __typename = "Account", id = "acc-000002-r" }, new { __typename = "Account", number = "1000000002" }],
        ["ServiceLocation"] = [new { __typename = "ServiceLocation", id = "loc-000002" }],
    };

    [Theory]
    [MemberData(nameof(RootFieldCases))]
    public async Task A_customer_reaching_another_customer_through_a_root_field_gets_null_and_forbidden(string name, string query, string refusedField)
    {
        var response = await Attacker.PostAsync(query);

        Assert.False(string.IsNullOrEmpty(name));
        Hostile.AssertRefused(response, refusedField);
    }

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation_and_serves_the_customer_their_own()
    {
        var types = await Hostile.EntityTypesAsync(fixture.GraphQL);

        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            Assert.True(VictimRepresentations.TryGetValue(type, out var representations), $"Entity type {type} has no hostile case.");
            foreach (var representation in representations)
            {
                var own = new { __typename = "Customer", id = Hostile.Attacker };
                var response = await Attacker.PostAsync(
                    "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Customer { id name } } }",
                    new { r = new object[] { own, representation } });

                Hostile.AssertRefused(response, "_entities", 1);
                Assert.Equal(Hostile.Attacker, response.At("_entities", 0, "id").GetString());
            }
        }
    }

    [Fact]
    public async Task A_customer_reaching_another_customer_through_their_own_account_list_is_refused_nowhere_and_sees_only_their_own()
    {
        var response = (await Attacker.PostAsync("""{ customer(id: "cus-000001") { accounts { id customer { id } serviceLocation { id } } serviceLocations { id } } }""")).EnsureNoErrors();

        Assert.All(response.At("customer", "accounts").EnumerateArray(), account => Assert.Equal(Hostile.Attacker, account.GetProperty("customer").GetProperty("id").GetString()));
        Assert.DoesNotContain(Hostile.VictimNumber, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_read_no_customer_data_at_all()
    {
        var root = await fixture.GraphQL.PostAsync("""{ customer(id: "cus-000002") { name email } }""");
        var entities = await fixture.GraphQL.PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { name email } } }",
            new { r = new object[] { new { __typename = "Customer", id = "cus-000002" } } });

        Hostile.AssertRefused(root, "customer");
        Hostile.AssertRefused(entities, "_entities", 0);
    }

    [Fact]
    public async Task Partners_and_services_read_no_customer_data_whatever_their_scopes()
    {
        foreach (var caller in new[] { TestCallers.Partner("energy-insights", "usage:read", "outages:read", "products:read"), TestCallers.Service("notifications:send", "outages:write") })
        {
            var response = await fixture.As(caller).PostAsync("""{ customer(id: "cus-000002") { name } customers { totalCount } }""");

            Hostile.AssertRefused(response, "customer");
            Hostile.AssertRefused(response, "customers");
        }
    }

    [Fact]
    public async Task A_customer_reads_everything_of_their_own()
    {
        var response = (await Attacker.PostAsync(
            """{ customer(id: "cus-000001") { name email phone accounts { number } serviceLocations { line1 } interactions(first: 3) { summary } } account(number: "1000000001") { id } }""")).EnsureNoErrors();

        Assert.Equal("acc-000001-r", response.At("account", "id").GetString());
        Assert.NotEmpty(response.At("customer", "name").GetString()!);
    }

    [Fact]
    public async Task Agents_read_any_customer()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync("""{ customer(id: "cus-000002") { id } customers(first: 3) { totalCount } }""")).EnsureNoErrors();

        Assert.Equal(Hostile.Victim, response.At("customer", "id").GetString());
    }
}
