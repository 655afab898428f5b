using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UCE.Customers;
using UCE.Customers.Requests;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Scale;

/// <summary>
/// <c>ConnectionStrings:&lt;Name&gt;ReadOnly</c>: queries read through it, mutations (and the reads inside them) use the
/// primary. The read-only connection logs in as a role that may only <c>SELECT</c>, so a write sent through it would fail.
/// </summary>
public sealed class ReadReplicaTests
{
    [Fact]
    public async Task Queries_read_through_the_read_only_connection_and_mutations_write_through_the_primary()
    {
        await using var database = await PostgresDatabase.CreateAsync("replica");
        await using (await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString))
        {
            // The first start migrates and seeds through the primary; the reader role gets SELECT on what exists then.
        }

        var role = "uce_reader_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var grant = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN PASSWORD 'reader'; GRANT CONNECT ON DATABASE \"{database.Name}\" TO {role}; " +
                $"GRANT USAGE ON SCHEMA public TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};",
                admin);
            await grant.ExecuteNonQueryAsync();
        }

        try
        {
            var readOnly = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "reader" }.ConnectionString;
            var capture = new SqlCapture();
            await using var host = await SubgraphTestHost.StartAsync(
                new CustomersSubgraph(),
                database.ConnectionString,
                configuration: new Dictionary<string, string?>
                {
                    ["ConnectionStrings:CustomersReadOnly"] = readOnly,
                    // Background work reads through the primary: keep the scheduled-request job and the interaction consumer
                    // (which records the mutation's own interaction a moment later) out of the captured commands.
                    [ServiceRequestFulfilment.EnabledKey] = "false",
                    ["Interactions:ConsumerEnabled"] = "false",
                },
                services: services => services.AddSingleton<IInterceptor>(capture));
            var primaryUser = new NpgsqlConnectionStringBuilder(database.ConnectionString).Username;

            capture.Clear();
            var read = await host.As(TestCallers.Agent).PostAsync("{ customer(id: \"cus-000003\") { id phone accounts { number } serviceLocations { meterId } } }");
            Assert.Equal("cus-000003", read.EnsureNoErrors().At("customer", "id").GetString());
            var queryReads = CustomerTableCommands(capture);
            Assert.NotEmpty(queryReads);
            Assert.All(queryReads, command => Assert.Equal(role, command.UserName));

            capture.Clear();
            var changed = await host.As(TestCallers.Agent).PostAsync(
                "mutation($input: UpdateContactDetailsInput!) { updateContactDetails(input: $input) { customer { id phone } } }",
                new { input = new { customerId = "cus-000003", phone = "+1 555 010 9999", idempotencyKey = "replica-" + role } });
            Assert.Equal("+1 555 010 9999", changed.EnsureNoErrors().At("updateContactDetails", "customer", "phone").GetString());
            var mutationCommands = CustomerTableCommands(capture);
            Assert.Contains(mutationCommands, command => command.Text.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
            Assert.All(mutationCommands, command => Assert.Equal(primaryUser, command.UserName));

            // The replica here is the same database, so the change is there to read at once.
            capture.Clear();
            var again = await host.As(TestCallers.Agent).PostAsync("{ customer(id: \"cus-000003\") { phone } }");
            Assert.Equal("+1 555 010 9999", again.EnsureNoErrors().At("customer", "phone").GetString());
            Assert.All(CustomerTableCommands(capture), command => Assert.Equal(role, command.UserName));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await database.DisposeAsync();
            await using var server = new NpgsqlConnection(database.ServerConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {role}", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void Pool_sizes_and_the_read_only_connection_come_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Customers"] = "Host=primary.example;Database=customers;Maximum Pool Size=40",
            ["ConnectionStrings:CustomersReadOnly"] = "Host=replica.example;Database=customers",
            [DatabaseTarget.MaxPoolSizeKey] = "25",
            [DatabaseTarget.MinPoolSizeKey] = "2",
            [DatabaseTarget.ReadOnlyMaxPoolSizeKey] = "60",
            [DatabaseTarget.ContextPoolSizeKey] = "128",
        }).Build();

        var target = DatabaseTarget.Select(new CustomersSubgraph(), new SubgraphHostOptions(), configuration);

        var primary = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var replica = new NpgsqlConnectionStringBuilder(target.ReadOnlyConnectionString);
        Assert.Equal(("primary.example", 25, 2), (primary.Host, primary.MaxPoolSize, primary.MinPoolSize));
        Assert.Equal(("replica.example", 60, 2), (replica.Host, replica.MaxPoolSize, replica.MinPoolSize));
        Assert.Equal(128, target.ContextPoolSize);

        var unset = DatabaseTarget.Select(new CustomersSubgraph(), new SubgraphHostOptions(), new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["ConnectionStrings:Customers"] = "Host=primary.example;Database=customers;Maximum Pool Size=40" }).Build());
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(unset.ConnectionString).MaxPoolSize);
        Assert.Null(unset.ReadOnlyConnectionString);
    }

    // The commands of the request, without the outbox relay's (a background service beside it, always on the primary):
    // its poll and its marking of what it published. A mutation's own batch also inserts into the outbox.
    private static List<CapturedCommand> CustomerTableCommands(SqlCapture capture) =>
        [.. capture.Commands.Where(command => !command.Text.Contains("FROM outbox_messages", StringComparison.Ordinal)
            && !command.Text.TrimStart().StartsWith("UPDATE outbox_messages", StringComparison.Ordinal))];
}
