using System.Net;
using System.Text.Json;
using UCE.Customers;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

public sealed class CustomersQueryTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private GraphQLClient Client => fixture.As(TestCallers.Agent);

    [Fact]
    public async Task Customer_by_id_answers_the_seeded_customer_with_every_relation()
    {
        var response = await Client.PostAsync(
            """
            query ($id: ID!) {
              customer(id: $id) {
                id name email phone segment since
                accounts { id number kind status opened customer { id } serviceLocation { id } }
                serviceLocations { id line1 city state postalCode premiseId meterId }
                interactions { id channel topic summary agent at }
              }
            }
            """,
            new { id = DemoGraph.CustomerId(15) });

        var customer = response.EnsureNoErrors().At("customer");
        Assert.Equal("cus-000015", customer.GetProperty("id").GetString());
        Assert.Equal("COMMERCIAL", customer.GetProperty("segment").GetString());
        Assert.False(string.IsNullOrWhiteSpace(customer.GetProperty("name").GetString()));
        Assert.EndsWith(".15@example.com", customer.GetProperty("email").GetString(), StringComparison.Ordinal);

        var accounts = customer.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(["1000000015", "2000000015"], accounts.Select(a => a.GetProperty("number").GetString()));
        Assert.Equal(["REGULATED", "NON_REGULATED"], accounts.Select(a => a.GetProperty("kind").GetString()));
        Assert.All(accounts, a => Assert.Equal("cus-000015", a.GetProperty("customer").GetProperty("id").GetString()));
        Assert.All(accounts, a => Assert.Equal("loc-000015", a.GetProperty("serviceLocation").GetProperty("id").GetString()));

        var location = Assert.Single(customer.GetProperty("serviceLocations").EnumerateArray());
        Assert.Equal("MTR-00000015", location.GetProperty("meterId").GetString());
        Assert.Equal("PRM-00000015", location.GetProperty("premiseId").GetString());

        var times = customer.GetProperty("interactions").EnumerateArray().Select(i => i.GetProperty("at").GetDateTime()).ToList();
        Assert.InRange(times.Count, 2, 6);
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Unknown_customer_is_null_without_error()
    {
        var response = await Client.PostAsync("{ customer(id: \"cus-999999\") { id } }");

        Assert.Equal(JsonValueKind.Null, response.EnsureNoErrors().At("customer").ValueKind);
    }

    [Fact]
    public async Task Account_by_number_answers_the_account_with_its_customer_and_location()
    {
        var response = await Client.PostAsync(
            "query ($n: String!) { account(number: $n) { id kind customer { id } serviceLocation { meterId } } }",
            new { n = "1000000007" });

        var account = response.EnsureNoErrors().At("account");
        Assert.Equal("acc-000007-r", account.GetProperty("id").GetString());
        Assert.Equal("REGULATED", account.GetProperty("kind").GetString());
        Assert.Equal("cus-000007", account.GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal("MTR-00000007", account.GetProperty("serviceLocation").GetProperty("meterId").GetString());
    }

    [Fact]
    public async Task Unknown_account_number_is_null_without_error()
    {
        var response = await Client.PostAsync("{ account(number: \"0\") { id } }");

        Assert.Equal(JsonValueKind.Null, response.EnsureNoErrors().At("account").ValueKind);
    }

    [Fact]
    public async Task Paging_through_all_customers_visits_each_once_in_id_order()
    {
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var response = await Client.PostAsync(
                "query ($after: String) { customers(first: 15, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }",
                new { after });
            var connection = response.EnsureNoErrors().At("customers");
            Assert.Equal(DemoGraph.DemoCustomerCount, connection.GetProperty("totalCount").GetInt32());
            Assert.Equal(after is not null, connection.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            seen.AddRange(connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!));
            pages++;
            var pageInfo = connection.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = pageInfo.GetProperty("endCursor").GetString();
            Assert.True(pages < 10, "paging does not end");
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, DemoGraph.DemoCustomerCount).Select(DemoGraph.CustomerId), seen);
    }

    [Fact]
    public async Task Search_matches_id_exactly_and_email_case_insensitively()
    {
        var byId = await Client.PostAsync("{ customers(search: \"cus-000012\") { totalCount nodes { id } } }");
        Assert.Equal("cus-000012", Assert.Single(byId.EnsureNoErrors().At("customers", "nodes").EnumerateArray()).GetProperty("id").GetString());

        var byEmail = await Client.PostAsync("{ customers(search: \".12@EXAMPLE.com\", first: 100) { totalCount nodes { id email } } }");
        Assert.Equal(1, byEmail.EnsureNoErrors().At("customers", "totalCount").GetInt32());

        var everyone = await Client.PostAsync("{ customers(search: \"example.com\", first: 100) { totalCount } }");
        Assert.Equal(DemoGraph.DemoCustomerCount, everyone.EnsureNoErrors().At("customers", "totalCount").GetInt32());

        var nobody = await Client.PostAsync("{ customers(search: \"no such person\") { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }");
        Assert.Equal(0, nobody.EnsureNoErrors().At("customers", "totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, nobody.At("customers", "pageInfo", "endCursor").ValueKind);
    }

    [Theory]
    [InlineData("{ customers(first: 0) { totalCount } }")]
    [InlineData("{ customers(first: 101) { totalCount } }")]
    [InlineData("{ customers(first: -5) { totalCount } }")]
    [InlineData("{ customers(after: \"not-a-cursor\") { totalCount } }")]
    [InlineData("{ customers(after: \"Y3VzdG9tZXI6\") { totalCount } }")]
    [InlineData("{ customer(id: \"cus-000001\") { interactions(first: 0) { id } } }")]
    public async Task Out_of_range_paging_arguments_are_bad_user_input(string query)
    {
        var response = await Client.PostAsync(query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Every_demo_customer_has_accounts_locations_and_interactions()
    {
        var response = await Client.PostAsync("{ customers(first: 100) { nodes { id accounts { id } serviceLocations { id } interactions(first: 1) { id } } } }");

        var nodes = response.EnsureNoErrors().At("customers", "nodes").EnumerateArray().ToList();
        Assert.Equal(DemoGraph.DemoCustomerCount, nodes.Count);
        Assert.All(nodes, node =>
        {
            Assert.NotEqual(0, node.GetProperty("accounts").GetArrayLength());
            Assert.Equal(1, node.GetProperty("serviceLocations").GetArrayLength());
            Assert.Equal(1, node.GetProperty("interactions").GetArrayLength());
        });
    }

    [Fact]
    public async Task Every_third_customer_has_a_non_regulated_account()
    {
        var response = await Client.PostAsync("{ customers(first: 100) { nodes { id accounts { kind } } } }");

        foreach (var node in response.EnsureNoErrors().At("customers", "nodes").EnumerateArray())
        {
            var index = int.Parse(node.GetProperty("id").GetString()!["cus-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var kinds = node.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
            Assert.Equal(index % 3 == 0, kinds.Contains("NON_REGULATED"));
        }
    }
}
