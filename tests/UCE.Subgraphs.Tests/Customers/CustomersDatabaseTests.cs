using Microsoft.EntityFrameworkCore;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

public sealed class CustomersDatabaseTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_postgresql_database_and_match_the_model()
    {
        await using var database = await PostgresDatabase.CreateAsync("customers_migrations");
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString, seedDemoData: false);

        await using var db = host.CreateDbContext<CustomersDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures; add a migration.");
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM customers"));
        Assert.Equal(4L, await database.ScalarAsync(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('customers', 'accounts', 'service_locations', 'interactions')"));
    }

    [Fact]
    public async Task Demo_set_is_seeded_once_even_when_the_host_starts_again()
    {
        await using var database = await PostgresDatabase.CreateAsync("customers_seed");
        await using (var first = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString))
        {
            Assert.Equal((long)DemoGraph.DemoCustomerCount, await database.ScalarAsync("SELECT count(*) FROM customers"));
        }

        await using var second = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString);
        Assert.Equal((long)DemoGraph.DemoCustomerCount, await database.ScalarAsync("SELECT count(*) FROM customers"));
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM interactions WHERE \"At\" > now() + interval '1 year'"));
    }

    [Fact]
    public void Seed_is_deterministic_for_a_customer_index()
    {
        var historyEnd = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);
        var first = CustomersSeed.For(DemoGraph.Customer(9), historyEnd);
        var again = CustomersSeed.For(DemoGraph.Customer(9), historyEnd);
        var other = CustomersSeed.For(DemoGraph.Customer(10), historyEnd);

        Assert.Equal(first.Customer.Name, again.Customer.Name);
        Assert.Equal(first.Location.Line1, again.Location.Line1);
        Assert.Equal(first.Interactions.Select(i => (i.At, i.Summary)), again.Interactions.Select(i => (i.At, i.Summary)));
        Assert.NotEqual(first.Customer.Email, other.Customer.Email);
        Assert.All(first.Interactions, i => Assert.Equal(DateTimeKind.Utc, i.At.Kind));
    }

    [Fact]
    public void Residential_customer_is_named_after_the_demo_graph_person_of_its_index()
    {
        var residential = Enumerable.Range(1, DemoGraph.DemoCustomerCount).Select(DemoGraph.Customer).Where(c => !c.Commercial).ToList();

        Assert.NotEmpty(residential);
        Assert.All(residential, demo => Assert.Equal(
            $"{DemoGraph.FirstName(demo.Index)} {DemoGraph.LastName(demo.Index)}",
            CustomersSeed.For(demo, new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc)).Customer.Name));
        Assert.True(residential.Select(c => DemoGraph.FirstName(c.Index)).Distinct().Count() > 5, "Demo first names hardly vary across customers.");
        Assert.Equal(DemoGraph.FirstName(7), DemoGraph.FirstName(7));
        Assert.Equal(DemoGraph.LastName(7), DemoGraph.LastName(7));
    }

    [Fact]
    public async Task Embedded_default_on_sqlite_starts_and_serves_the_demo_set()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), connectionString: null);

        var page = await host.As(TestCallers.Agent).PostAsync("{ customers(first: 100) { totalCount nodes { id accounts { number } serviceLocations { meterId } interactions(first: 2) { at } } } }");
        Assert.Equal(DemoGraph.DemoCustomerCount, page.EnsureNoErrors().At("customers", "totalCount").GetInt32());
        Assert.Equal(DemoGraph.DemoCustomerCount, page.At("customers", "nodes").GetArrayLength());

        var second = await host.As(TestCallers.Agent).PostAsync(
            "query ($after: String) { customers(first: 10, after: $after) { nodes { id } } }",
            new { after = Convert.ToBase64String("customer:cus-000010"u8.ToArray()) });
        Assert.Equal("cus-000011", second.EnsureNoErrors().At("customers", "nodes", 0, "id").GetString());

        var entities = await host.As(TestCallers.Agent).PostAsync(
            "{ _entities(representations: [{__typename: \"Account\", number: \"1000000003\"}]) { ... on Account { id } } }");
        Assert.Equal("acc-000003-r", entities.EnsureNoErrors().At("_entities", 0, "id").GetString());
    }
}
