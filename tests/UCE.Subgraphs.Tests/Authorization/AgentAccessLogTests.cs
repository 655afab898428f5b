using System.Text.Json;
using UCE.Billing;
using UCE.Customers;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>
/// Every read and action of an agent or supervisor on a customer's data is logged, and supervisors (only) read the log.
/// The customers and billing subgraphs here share one audit database (<c>ConnectionStrings:Audit</c>), as in production.
/// </summary>
public sealed class AgentAccessLogTests(AgentAccessLogTests.SharedAuditFixture fixture) : IClassFixture<AgentAccessLogTests.SharedAuditFixture>
{
    private const string LogQuery = """
        query($customerId: ID!, $from: DateTime!, $to: DateTime!) {
          agentAccessLog(customerId: $customerId, from: $from, to: $to) { at agent role customerId subgraph operationName rootFields outcome }
        }
        """;

    private static object Window(string customerId) => new { customerId, from = "2000-01-01T00:00:00Z", to = "2100-01-01T00:00:00Z" };

    [Fact]
    public async Task An_agent_read_is_logged_with_agent_customer_operation_root_fields_and_outcome()
    {
        var agent = fixture.Customers.As(TestCallers.AgentNamed("agent-reads-5"));
        (await agent.PostAsync("query AgentLookup { found: customer(id: \"cus-000005\") { name accounts { number } } }", operationName: "AgentLookup")).EnsureNoErrors();

        var entries = await LogOfAsync("cus-000005", "agent-reads-5");

        var entry = Assert.Single(entries);
        Assert.Equal("agent", entry.GetProperty("role").GetString());
        Assert.Equal("cus-000005", entry.GetProperty("customerId").GetString());
        Assert.Equal("customers", entry.GetProperty("subgraph").GetString());
        Assert.Equal("AgentLookup", entry.GetProperty("operationName").GetString());
        Assert.Equal(["found"], entry.GetProperty("rootFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("ALLOWED", entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_agent_action_in_another_subgraph_reaches_the_log_the_customers_subgraph_serves()
    {
        var agent = fixture.Billing.As(TestCallers.AgentNamed("agent-pays-6"));
        (await agent.PostAsync(
            "mutation Pay($input: MakePaymentInput!) { makePayment(input: $input) { payment { id } } }",
            new { input = new { accountId = "acc-000006-r", amount = 2.5, method = "CARD", idempotencyKey = "audit-pay-6" } },
            operationName: "Pay")).EnsureNoErrors();

        var entry = Assert.Single(await LogOfAsync("cus-000006", "agent-pays-6"));

        Assert.Equal("billing", entry.GetProperty("subgraph").GetString());
        Assert.Equal("Pay", entry.GetProperty("operationName").GetString());
        Assert.Equal(["makePayment"], entry.GetProperty("rootFields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Entity_reads_of_several_customers_log_one_entry_per_customer()
    {
        var agent = fixture.Billing.As(TestCallers.AgentNamed("agent-batch"));
        (await agent.PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { balance { amount } } } }",
            new { r = new[] { new { __typename = "Account", id = "acc-000007-r" }, new { __typename = "Account", id = "acc-000008-r" } } })).EnsureNoErrors();

        Assert.Single(await LogOfAsync("cus-000007", "agent-batch"));
        Assert.Single(await LogOfAsync("cus-000008", "agent-batch"));
    }

    [Fact]
    public async Task A_failed_read_is_logged_as_an_error()
    {
        var agent = fixture.Customers.As(TestCallers.AgentNamed("agent-fails"));
        var response = await agent.PostAsync("{ customer(id: \"cus-000009\") { interactions(first: 0) { id } } }");

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        var entry = Assert.Single(await LogOfAsync("cus-000009", "agent-fails"));
        Assert.Equal("ERROR", entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Agents_may_not_read_the_log_and_the_refusal_is_itself_logged()
    {
        var response = await fixture.Customers.As(TestCallers.AgentNamed("agent-curious")).PostAsync(LogQuery, Window("cus-000010"));

        Hostile.AssertRefused(response, "agentAccessLog");
        var entry = Assert.Single(await LogOfAsync("cus-000010", "agent-curious"));
        Assert.Equal("FORBIDDEN", entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Customers_anonymous_callers_partners_and_services_may_not_read_the_log()
    {
        foreach (var caller in new[] { TestCallers.Customer("cus-000011"), TestCallers.Anonymous, TestCallers.Partner("energy-insights", "usage:read"), TestCallers.Service("notifications:send") })
        {
            var response = await fixture.Customers.As(caller).PostAsync(LogQuery, Window("cus-000011"));

            Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        }
    }

    [Fact]
    public async Task Customer_reads_are_not_logged()
    {
        (await fixture.Customers.As(TestCallers.Customer("cus-000012")).PostAsync("{ customer(id: \"cus-000012\") { name } }")).EnsureNoErrors();

        var supervisor = (await fixture.Customers.As(TestCallers.Supervisor).PostAsync(LogQuery, Window("cus-000012"))).EnsureNoErrors();

        Assert.DoesNotContain(supervisor.At("agentAccessLog").EnumerateArray(), e => e.GetProperty("role").GetString() != "supervisor");
    }

    [Fact]
    public async Task The_log_keeps_the_rows_in_the_shared_audit_database()
    {
        (await fixture.Customers.As(TestCallers.AgentNamed("agent-store")).PostAsync("{ customer(id: \"cus-000013\") { id } }")).EnsureNoErrors();

        var store = new AgentAccessLogStore(new AgentAccessLogTarget(Subgraphs.Hosting.Database.DatabaseProvider.PostgreSql, fixture.Audit.ConnectionString, Shared: true));
        var rows = await store.ReadAsync("cus-000013", DateTime.UnixEpoch, DateTime.UtcNow.AddDays(1), 10, CancellationToken.None);

        var row = Assert.Single(rows, r => r.Agent == "agent-store");
        Assert.Equal(AgentAccessOutcome.Allowed, row.Outcome);
        Assert.Equal(DateTimeKind.Utc, row.At.Kind);
    }

    private async Task<List<JsonElement>> LogOfAsync(string customerId, string agent)
    {
        var response = (await fixture.Customers.As(TestCallers.Supervisor).PostAsync(LogQuery, Window(customerId))).EnsureNoErrors();
        return response.At("agentAccessLog").EnumerateArray().Where(e => e.GetProperty("agent").GetString() == agent).ToList();
    }

    /// <summary>Customers and billing on their own databases, both writing the access log to a third one.</summary>
    public sealed class SharedAuditFixture : IAsyncLifetime
    {
        private PostgresDatabase? customersDatabase;
        private PostgresDatabase? billingDatabase;
        private PostgresDatabase? auditDatabase;
        private SubgraphTestHost? customers;
        private SubgraphTestHost? billing;

        public SubgraphTestHost Customers => customers!;

        public SubgraphTestHost Billing => billing!;

        public PostgresDatabase Audit => auditDatabase!;

        public async Task InitializeAsync()
        {
            auditDatabase = await PostgresDatabase.CreateAsync("audit");
            customersDatabase = await PostgresDatabase.CreateAsync("customers");
            billingDatabase = await PostgresDatabase.CreateAsync("billing");
            var configuration = new Dictionary<string, string?> { ["ConnectionStrings:Audit"] = auditDatabase.ConnectionString };
            customers = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), customersDatabase.ConnectionString, configuration: configuration);
            billing = await SubgraphTestHost.StartAsync(new BillingSubgraph(), billingDatabase.ConnectionString, configuration: configuration);
        }

        public async Task DisposeAsync()
        {
            foreach (var host in new[] { customers, billing })
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }

            foreach (var database in new[] { customersDatabase, billingDatabase, auditDatabase })
            {
                if (database is not null)
                {
                    await database.DisposeAsync();
                }
            }
        }
    }
}
