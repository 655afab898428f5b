using Microsoft.EntityFrameworkCore;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>The generator's PostgreSQL bulk path (binary COPY) writes the same rows the seed describes.</summary>
public sealed class CustomersGeneratorTests
{
    [Fact]
    public async Task Generator_copies_every_customer_row_with_the_values_of_the_seed()
    {
        await using var database = await PostgresDatabase.CreateAsync("customers_generator");
        var graph = new DemoGraph(45, DemoGraph.Today(TimeProvider.System), 2_001);

        var report = await SubgraphHost.GenerateAsync(new CustomersSubgraph(), new SubgraphHostOptions { ConnectionString = database.ConnectionString }, graph, null, CancellationToken.None);

        Assert.NotNull(report);
        var expected = graph.Customers().Select(customer => CustomersSeed.For(customer, graph.Now)).ToList();
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString, seedDemoData: false);
        await using var db = host.CreateDbContext<CustomersDbContext>();
        Assert.Equal(
            expected.Select(r => (r.Customer.Id, r.Customer.Name, r.Customer.Email, r.Customer.Phone, r.Customer.Segment, r.Customer.Since)),
            (await db.Customers.OrderBy(c => c.Id).ToListAsync()).Select(c => (c.Id, c.Name, c.Email, c.Phone, c.Segment, c.Since)));
        Assert.Equal(
            expected.Select(r => (r.Location.Id, r.Location.Line1, r.Location.PostalCode, r.Location.MeterId)),
            (await db.ServiceLocations.OrderBy(l => l.Id).ToListAsync()).Select(l => (l.Id, l.Line1, l.PostalCode, l.MeterId)));
        Assert.Equal(
            expected.SelectMany(r => r.Accounts).OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => (a.Id, a.Number, a.Kind, a.Status, a.Opened)),
            (await db.Accounts.OrderBy(a => a.Id).ToListAsync()).Select(a => (a.Id, a.Number, a.Kind, a.Status, a.Opened)));
        Assert.Equal(
            expected.SelectMany(r => r.Interactions).OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => (i.Id, i.Channel, i.Agent, i.At)),
            (await db.Interactions.OrderBy(i => i.Id).ToListAsync()).Select(i => (i.Id, i.Channel, i.Agent, i.At)));
        Assert.Contains(expected.SelectMany(r => r.Interactions), i => i.Agent is null);
    }
}
