using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using UCE.Customers;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>A subgraph's first start on a PostgreSQL server without its database creates it quietly.</summary>
public sealed class FirstStartTests
{
    public static TheoryData<string> Modules => ["customers", "sample"];

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task First_start_on_a_server_without_the_database_creates_it_and_logs_no_error(string name)
    {
        SubgraphModule module = name == "customers" ? new CustomersSubgraph() : new SampleSubgraph();
        await using var database = PostgresDatabase.NotYetCreated(name + "_first_start");
        var logs = new CapturedLogs();

        await using (var app = SubgraphHost.Build(module, new SubgraphHostOptions
        {
            Port = 0,
            ConnectionString = database.ConnectionString,
            EnableTracing = false,
            Configuration = { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information", ["Identity:SigningKeys"] = TestSigning.Configuration },
            ConfigureBuilder = builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Logging.AddProvider(logs);
            },
        }))
        {
            await app.StartAsync();
            await app.StopAsync();
        }

        Assert.True(await database.ExistsAsync());
        Assert.Contains(logs.Entries, entry => entry.Message.Contains("Seeded the", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Warning && entry.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }
}
