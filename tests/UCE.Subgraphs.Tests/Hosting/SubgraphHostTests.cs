using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class SubgraphHostTests
{
    private static readonly DateOnly Today = DemoGraph.Today(TimeProvider.System);

    [Fact]
    public async Task Host_without_connection_string_listens_on_loopback_and_serves_from_an_sqlite_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "uce-tests", Guid.NewGuid().ToString("N"));
        await using var app = SubgraphHost.Build(new SampleSubgraph(), new SubgraphHostOptions
        {
            Port = 0,
            DataDirectory = directory,
            EnableTracing = false,
            Configuration = { ["Logging:LogLevel:Default"] = "Warning", ["Identity:SigningKeys"] = TestSigning.Configuration },
        });
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
            Assert.Equal("127.0.0.1", address.Host);
            Assert.NotEqual(0, address.Port);
            Assert.True(File.Exists(Path.Combine(directory, "sample.db")));

            using var http = new HttpClient { BaseAddress = address };
            const string body = """{"query":"{ widgets { id } }"}""";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            content.Headers.Add(IdentityHeaders.Signature, TestSigning.Sign(null, body));
            using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(DemoGraph.DemoCustomerCount, new GraphQLResponse(response.StatusCode, null, await response.Content.ReadAsStringAsync()).At("widgets").GetArrayLength());
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_sqlite_file_made_by_another_version_is_kept_aside_and_a_current_one_is_created_and_seeded()
    {
        var directory = Path.Combine(Path.GetTempPath(), "uce-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "sample.db");
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE widgets (id TEXT PRIMARY KEY); INSERT INTO widgets VALUES ('kept-by-the-old-version');";
            await create.ExecuteNonQueryAsync();
        }

        var options = new SubgraphHostOptions
        {
            Port = 0,
            DataDirectory = directory,
            EnableTracing = false,
            Configuration = { ["Logging:LogLevel:Default"] = "Warning", ["Identity:SigningKeys"] = TestSigning.Configuration },
        };
        try
        {
            for (var start = 1; start <= 2; start++)
            {
                await using var app = SubgraphHost.Build(new SampleSubgraph(), options);
                await app.StartAsync();
                try
                {
                    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
                    using var http = new HttpClient { BaseAddress = address };
                    const string body = """{"query":"{ widgets { id } }"}""";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    content.Headers.Add(IdentityHeaders.Signature, TestSigning.Sign(null, body));
                    using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), content);
                    var result = new GraphQLResponse(response.StatusCode, null, await response.Content.ReadAsStringAsync());
                    Assert.Equal(DemoGraph.DemoCustomerCount, result.At("widgets").GetArrayLength());
                }
                finally
                {
                    await app.StopAsync();
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }

                // The old file is kept, once: the second start finds a current file and moves nothing.
                var moved = Assert.Single(Directory.GetFiles(directory, "sample.db.*.old"));
                await using var kept = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={moved};Mode=ReadOnly;Pooling=False");
                await kept.OpenAsync();
                await using var read = kept.CreateCommand();
                read.CommandText = "SELECT id FROM widgets";
                Assert.Equal("kept-by-the-old-version", await read.ExecuteScalarAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Generator_loads_a_range_in_chunks_and_refuses_a_database_that_already_has_data()
    {
        var directory = Path.Combine(Path.GetTempPath(), "uce-tests", Guid.NewGuid().ToString("N"));
        var options = new SubgraphHostOptions { DataDirectory = directory, Configuration = { ["Logging:LogLevel:Default"] = "Warning" } };
        try
        {
            var log = new StringWriter();
            var report = await SubgraphHost.GenerateAsync(new ChunkedSample(), options, new DemoGraph(25, Today), log, CancellationToken.None);
            Assert.NotNull(report);
            Assert.Equal(25, report.Customers);
            Assert.Contains("customers/s", log.ToString(), StringComparison.Ordinal);

            var again = await SubgraphHost.GenerateAsync(new ChunkedSample(), options, new DemoGraph(5, Today), log, CancellationToken.None);
            Assert.Null(again);

            var more = await SubgraphHost.GenerateAsync(new ChunkedSample(), options, new DemoGraph(5, Today, 26), log, CancellationToken.None);
            Assert.NotNull(more);

            await using var app = SubgraphHost.Build(new SampleSubgraph(), new SubgraphHostOptions
            {
                DataDirectory = directory,
                EnableTracing = false,
                Configuration = { ["Logging:LogLevel:Default"] = "Warning", ["Identity:SigningKeys"] = TestSigning.Configuration },
                ConfigureBuilder = builder => builder.WebHost.UseTestServer(),
            });
            await app.StartAsync();
            var client = new GraphQLClient(app.GetTestServer().CreateClient());
            var widgets = (await client.PostAsync("{ widgets { id } }")).EnsureNoErrors().At("widgets");
            Assert.Equal(30, widgets.GetArrayLength());
            Assert.Equal("w-030", widgets[29].GetProperty("id").GetString());
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Generator_chunks_follow_the_module_chunk_size()
    {
        var directory = Path.Combine(Path.GetTempPath(), "uce-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var module = new ChunkedSample();
            await SubgraphHost.GenerateAsync(module, new SubgraphHostOptions { DataDirectory = directory }, new DemoGraph(25, Today, 3), null, CancellationToken.None);

            Assert.Equal([(3, 10), (13, 10), (23, 5)], module.Chunks);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Each_operation_is_traced_as_a_graphql_execute_span()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SubgraphTelemetry.Source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await SubgraphTestHost.StartAsync(new SampleSubgraph(), connectionString: null);

        await host.GraphQL.PostAsync("query NamedForTracing { widgets { id } }", operationName: "NamedForTracing");

        lock (spans)
        {
            Assert.Contains(spans, span => span.OperationName == "graphql.execute" && (string?)span.GetTagItem("graphql.operation.name") == "NamedForTracing");
        }
    }

    [Fact]
    public async Task Printed_sdl_is_the_service_sdl()
    {
        await using var host = await SubgraphTestHost.StartAsync(new SampleSubgraph(), connectionString: null);
        var served = (await host.GraphQL.PostAsync("{ _service { sdl } }")).EnsureNoErrors().At("_service", "sdl").GetString();

        Assert.Equal(served, await SubgraphHost.ReadSdlAsync(new SampleSubgraph()));
        Assert.Contains("type Widget @key(fields: \"id\")", served, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_command_counter_counts_only_its_own_host()
    {
        await using var one = await SubgraphTestHost.StartAsync(new SampleSubgraph(), connectionString: null);
        await using var other = await SubgraphTestHost.StartAsync(new SampleSubgraph(), connectionString: null);
        other.SqlCommands.Reset();

        var (_, commands) = await one.MeasureAsync("{ widgets { id parts { id } } }");

        Assert.Equal(2, commands);
        Assert.Equal(0, other.SqlCommands.Count);
    }

    /// <summary>The sample with small generator chunks, recording each chunk it seeds.</summary>
    private sealed class ChunkedSample : SubgraphModule<SampleDbContext>
    {
        private readonly SampleSubgraph inner = new();

        public List<(int First, int Count)> Chunks { get; } = [];

        public override string Name => inner.Name;

        public override int DefaultPort => inner.DefaultPort;

        protected override int GenerationChunkSize => 10;

        public override void ConfigureServices(IServiceCollection services) => inner.ConfigureServices(services);

        public override void ConfigureGraphQL(GraphQL.DI.IGraphQLBuilder graphql) => inner.ConfigureGraphQL(graphql);

        protected override Task<bool> HasDataAsync(SampleDbContext db, CancellationToken cancellationToken) =>
            ((SubgraphModule)inner).HasDataAsync(db, cancellationToken);

        protected override Task SeedAsync(SampleDbContext db, DemoGraph graph, CancellationToken cancellationToken)
        {
            Chunks.Add((graph.FirstIndex, graph.CustomerCount));
            return ((SubgraphModule)inner).SeedAsync(db, graph, cancellationToken);
        }
    }
}
