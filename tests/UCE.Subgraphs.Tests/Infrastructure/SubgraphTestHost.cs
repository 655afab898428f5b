using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// One subgraph hosted in memory (ASP.NET Core TestServer) through <see cref="SubgraphHost.Build"/>, on a PostgreSQL
/// database or on an SQLite file in a temporary folder; started means migrated (or created) and seeded.
/// </summary>
public sealed class SubgraphTestHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? sqliteDirectory;

    private SubgraphTestHost(SubgraphModule module, WebApplication app, string? sqliteDirectory, DateOnly demoDate, TimeProvider clock, Uri? socketAddress)
    {
        Module = module;
        DemoDate = demoDate;
        this.app = app;
        this.sqliteDirectory = sqliteDirectory;
        SocketAddress = socketAddress;
        Http = socketAddress is null ? app.GetTestServer().CreateClient() : new HttpClient { BaseAddress = socketAddress };
        GraphQL = new GraphQLClient(Http, clock);
    }

    /// <summary>Where Kestrel listens (<c>http://127.0.0.1:port/</c>) when the host was started over a real socket; null in memory.</summary>
    public Uri? SocketAddress { get; }

    public SubgraphModule Module { get; }

    /// <summary>The UTC day the demo set was written as of (the day the host started, unless a clock was given).</summary>
    public DateOnly DemoDate { get; }

    /// <summary>The demo set this host seeded.</summary>
    public DemoGraph Demo => DemoGraph.Demo(DemoDate);

    public HttpClient Http { get; }

    /// <summary>An anonymous client; <see cref="As"/> picks another caller.</summary>
    public GraphQLClient GraphQL { get; }

    /// <summary>A client that calls as <paramref name="caller"/> (<c>TestCallers.Agent</c>, <c>TestCallers.Customer("cus-000001")</c> …).</summary>
    public GraphQLClient As(UCE.Subgraphs.Hosting.Identity.CallerIdentity caller) => GraphQL.As(caller);

    public IServiceProvider Services => app.Services;

    /// <summary>SQL commands this host sent; <see cref="SqlCommandCounter.Reset"/> before the request you measure.</summary>
    public SqlCommandCounter SqlCommands => app.Services.GetRequiredService<SqlCommandCounter>();

    /// <summary>
    /// Starts <paramref name="module"/> on PostgreSQL (<paramref name="connectionString"/>) or, when null, on a temporary SQLite file.
    /// The demo set is written as of today, fixed once so that the test knows the day even around midnight, or as of the day of
    /// <paramref name="clock"/>, which then replaces the host's <see cref="TimeProvider"/>. With <paramref name="overSocket"/> it listens
    /// with Kestrel on a free loopback port (<see cref="SocketAddress"/>) instead of the in-memory test server. Without Redis, hosts
    /// given one <paramref name="sharedEventStream"/> meet on it as the embedded default's subgraphs do. <paramref name="services"/>
    /// runs last on the host's services (a test replaces a dependency there). The notification dispatcher
    /// is off unless <paramref name="configuration"/> turns it on (<c>Notifications:Dispatcher:Enabled</c>): it would send the demo
    /// set's queued notifications and poll the database under tests that count SQL commands.
    /// </summary>
    public static async Task<SubgraphTestHost> StartAsync(
        SubgraphModule module,
        string? connectionString,
        bool seedDemoData = true,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        bool overSocket = false,
        UCE.Subgraphs.Hosting.Events.IEventStream? sharedEventStream = null,
        Action<IServiceCollection>? services = null)
    {
        var demoDate = DemoGraph.Today(clock ?? TimeProvider.System);
        var sqliteDirectory = connectionString is null
            ? Path.Combine(Path.GetTempPath(), "uce-tests", Guid.NewGuid().ToString("N"))
            : null;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            ["Identity:SigningKeys"] = TestSigning.Configuration,
            ["Notifications:Dispatcher:Enabled"] = "false",
            // Hundreds of hosts start in a run; SubgraphWarmUpTests turns it on.
            ["Subgraph:WarmUp:Enabled"] = "false",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = SubgraphHost.Build(module, new SubgraphHostOptions
        {
            Port = 0,
            ConnectionString = connectionString,
            DataDirectory = sqliteDirectory,
            SeedDemoData = seedDemoData,
            DemoDate = clock is null ? demoDate : null,
            EnableTracing = false,
            Configuration = settings,
            SharedEventStream = sharedEventStream,
            ConfigureBuilder = builder =>
            {
                if (!overSocket)
                {
                    builder.WebHost.UseTestServer();
                }

                if (clock is not null)
                {
                    builder.Services.AddSingleton(clock);
                }

                services?.Invoke(builder.Services);
            },
        });
        await app.StartAsync();
        var socketAddress = overSocket
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First())
            : null;
        return new SubgraphTestHost(module, app, sqliteDirectory, demoDate, clock ?? TimeProvider.System, socketAddress);
    }

    /// <summary>A new context of the module's type (dispose it).</summary>
    public TContext CreateDbContext<TContext>()
        where TContext : DbContext =>
        app.Services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();

    /// <summary>Runs <paramref name="query"/> as an agent (or as <paramref name="caller"/>) and returns how many SQL commands it cost.</summary>
    public async Task<(GraphQLResponse Response, long SqlCommands)> MeasureAsync(string query, object? variables = null, UCE.Subgraphs.Hosting.Identity.CallerIdentity? caller = null)
    {
        SqlCommands.Reset();
        var response = await As(caller ?? TestCallers.Agent).PostAsync(query, variables);
        return (response, SqlCommands.Count);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (sqliteDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a pooled connection; the temporary folder is cleaned by the OS.
            }
        }
    }
}
