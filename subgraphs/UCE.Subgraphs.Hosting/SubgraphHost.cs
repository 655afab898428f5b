using System.Diagnostics;
using System.Globalization;
using System.Net;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using GraphQLParser.AST;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Hosting.Http;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.ServerSentEvents;
using UCE.Subgraphs.Hosting.Subscriptions;
using UCE.Subgraphs.Hosting.WebSockets;
using UCE.Introspection;

namespace UCE.Subgraphs.Hosting;

/// <summary>Hosts a <see cref="SubgraphModule"/>: GraphQL over HTTP, federation, database, health, telemetry.</summary>
public static class SubgraphHost
{
    /// <summary>The Apollo Federation version the subgraphs link: 2.6 for <c>@authenticated</c>, <c>@requiresScopes</c> and <c>@policy</c>.</summary>
    public const string FederationVersion = AccessDirectivesInSdl.MinimumFederationVersion;

    /// <summary>The configuration key of the deepest selection a subgraph executes (<c>Subgraph__MaxDepth</c>).</summary>
    public const string MaxDepthKey = "Subgraph:MaxDepth";

    /// <summary>The default of <see cref="MaxDepthKey"/>: generous, so that every query the gateway plans passes.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>
    /// The entry point of a subgraph's <c>Program.cs</c>. Runs the subgraph; with <c>--customers N</c> [<c>--first-index K</c>]
    /// bulk-loads N customers instead; with <c>--print-sdl</c> prints the federation SDL and exits.
    /// </summary>
    public static async Task<int> RunAsync(SubgraphModule module, string[] args)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(args);
        var options = new SubgraphHostOptions { Arguments = args };

        if (args.Contains("--print-sdl", StringComparer.Ordinal))
        {
            await Console.Out.WriteAsync(await ReadSdlAsync(module).ConfigureAwait(false)).ConfigureAwait(false);
            return 0;
        }

        if (ReadOption(args, "--customers") is { } customersText)
        {
            if (!int.TryParse(customersText, NumberStyles.None, CultureInfo.InvariantCulture, out var customers) || customers <= 0)
            {
                await Console.Error.WriteLineAsync("--customers takes a positive number of customers.").ConfigureAwait(false);
                return 2;
            }

            var firstText = ReadOption(args, "--first-index") ?? "1";
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var firstIndex) || firstIndex <= 0)
            {
                await Console.Error.WriteLineAsync("--first-index takes a positive customer index.").ConfigureAwait(false);
                return 2;
            }

            var graph = new DemoGraph(customers, DemoGraph.Today(TimeProvider.System), firstIndex);
            var report = await GenerateAsync(module, options, graph, Console.Out, CancellationToken.None).ConfigureAwait(false);
            return report is null ? 1 : 0;
        }

        await using var app = Build(module, options);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Builds the host without starting it; starting it prepares the database and seeds the demo set.</summary>
    public static WebApplication Build(SubgraphModule module, SubgraphHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.Arguments],
            ApplicationName = module.GetType().Assembly.GetName().Name,
        });
        // Defaults first, so appsettings, the environment and the command line override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietDefaults });
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        builder.AddSubgraphLogging();

        var port = options.Port ?? builder.Configuration.GetValue<int?>("UCE_PORT") ?? module.DefaultPort;
        var bindAddress = options.BindAddress;
        if (string.IsNullOrWhiteSpace(bindAddress))
        {
            bindAddress = builder.Configuration["UCE_BIND_ADDRESS"];
        }

        var address = IPAddress.Parse(string.IsNullOrWhiteSpace(bindAddress) ? "127.0.0.1" : bindAddress);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));

        var services = builder.Services;
        services.UseSharedArrayPoolForServerBuffers();
        var target = DatabaseTarget.Select(module, options, builder.Configuration);
        services.AddSingleton(module);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdentityVerifier>();
        services.AddHostedService<IdentityKeysCheck>();
        services.AddSubgraphDatabase(module, target);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton(AgentAccessLogTarget.Select(target, builder.Configuration));
        services.AddSingleton<AgentAccessLogStore>();
        services.AddSingleton<AgentAccessLogWriter>();
        services.AddHostedService<AgentAccessLogInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton(SubscriptionSettings.From(builder.Configuration));
        services.AddSingleton<StreamingOperationExecuter>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSingleton<GraphQLServerSentEventsEndpoint>();
        var maxDepth = builder.Configuration.GetValue<int?>(MaxDepthKey) ?? DefaultMaxDepth;
        services.AddSubgraphEvents(builder.Configuration, options.SharedEventStream);
        services.AddSingleton(OutboxOptions.Read(builder.Configuration));
        services.AddSingleton(InteractionStreamOptions.Read(builder.Configuration));
        services.AddSingleton<InteractionOutbox>();
        services.AddSingleton(DirectoryStreamOptions.Read(builder.Configuration, module.Name));
        services.AddSingleton<DirectoryOutbox>();
        services.AddSingleton<DirectoryEventConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<DirectoryEventConsumer>());
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxRelay>());
        services.AddGraphQL(graphql =>
        {
            graphql.AddSystemTextJson(json => json.MaxDepth = GraphQLDocumentParser.MaxResponseDepth);
            graphql.AddErrorInfoProvider(new SubgraphErrorInfoProvider());
            graphql.AddFederation(FederationVersion, AccessDirectivesInSdl.Import);
            graphql.ConfigureSchema((schema, _) => AccessDirectivesInSdl.AddTo(schema));

            // Every option of graphql-js's getIntrospectionQuery, as the tools that introspect a subgraph send it.
            graphql.ConfigureSchema((schema, _) => schema.EnableSpecIntrospection());
            graphql.UseMiddleware<AuthorizationFieldMiddleware>();
            graphql.AddExecutionStrategy<AuthorizingParallelExecutionStrategy>(OperationType.Query);
            graphql.AddExecutionStrategy<AuthorizingSerialExecutionStrategy>(OperationType.Mutation);
            graphql.AddExecutionStrategy<AuthorizingSubscriptionExecutionStrategy>(OperationType.Subscription);

            // A second line behind the gateway's limits: deep enough for every plan the gateway makes.
            graphql.AddComplexityAnalyzer(complexity => complexity.MaxDepth = maxDepth);
            graphql.ConfigureExecutionOptions(execution =>
            {
                execution.EnableMetrics = false;
                execution.ThrowOnUnhandledException = false;
                execution.UnhandledExceptionDelegate = context =>
                {
                    var logger = context.Context?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("UCE.Subgraphs.GraphQL");
                    logger?.LogError(context.OriginalException, "Resolver failed in {Subgraph}", module.Name);
                    return Task.CompletedTask;
                };
            });
            module.ConfigureGraphQL(graphql);
        });
        module.ConfigureServices(services);
        // After every start step the module adds (the database, its own), before the server listens.
        services.AddSingleton(SubgraphWarmUpOptions.Read(builder.Configuration));
        services.AddSingleton<SubgraphWarmUp>();
        services.AddHostedService(provider => provider.GetRequiredService<SubgraphWarmUp>());
        builder.AddSubgraphMetrics(module);
        if (options.EnableTracing)
        {
            builder.AddSubgraphTracing(module);
        }

        options.ConfigureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapSubgraphMetrics();
        app.UseWebSockets();
        app.Map("/graphql", ServeGraphQLAsync);
        return app;
    }

    /// <summary>One path, three transports: a WebSocket upgrade, an event stream when the client accepts one, plain HTTP otherwise.</summary>
    private static Task ServeGraphQLAsync(HttpContext http)
    {
        var services = http.RequestServices;
        if (http.WebSockets.IsWebSocketRequest)
        {
            return services.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(http);
        }

        return GraphQLServerSentEventsEndpoint.IsRequested(http.Request)
            ? services.GetRequiredService<GraphQLServerSentEventsEndpoint>().HandleAsync(http)
            : services.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(http);
    }

    /// <summary>The federation SDL exactly as <c>{ _service { sdl } }</c> returns it.</summary>
    public static async Task<string> ReadSdlAsync(SubgraphModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        await using var app = Build(module, new SubgraphHostOptions
        {
            Port = 0,
            EnableTracing = false,
            Configuration = { ["Logging:LogLevel:Default"] = "Warning" },
        });
        await using var scope = app.Services.CreateAsyncScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = "{ _service { sdl } }",
            RequestServices = scope.ServiceProvider,
        }).ConfigureAwait(false);
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException("The schema does not answer _service: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        var data = (Dictionary<string, object?>)((GraphQL.Execution.RootExecutionNode)result.Data!).ToValue()!;
        var service = (Dictionary<string, object?>)data["_service"]!;
        return (string)service["sdl"]!;
    }

    /// <summary>
    /// The generator: prepares the database (migrations or schema) and bulk-loads <paramref name="graph"/>'s customers
    /// through <see cref="SubgraphModule.GenerateAsync"/>. Returns null when the database already holds the first
    /// customer of the range (loading it twice would collide).
    /// </summary>
    public static async Task<GenerationReport?> GenerateAsync(SubgraphModule module, SubgraphHostOptions options, DemoGraph graph, TextWriter? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(graph);
        await using var app = Build(module, new SubgraphHostOptions
        {
            Port = 0,
            ConnectionString = options.ConnectionString,
            DataDirectory = options.DataDirectory,
            Arguments = options.Arguments,
            Configuration = options.Configuration,
            SeedDemoData = false,
            EnableTracing = false,
        });
        var services = app.Services;
        var target = services.GetRequiredService<DatabaseTarget>();
        await DatabaseInitializer.PrepareSchemaAsync(module, target, services, cancellationToken).ConfigureAwait(false);
        await using (var probe = DatabaseRegistration.CreateContext(services, module))
        {
            if (graph.FirstIndex == 1 && await module.HasDataAsync(probe, cancellationToken).ConfigureAwait(false))
            {
                log?.WriteLine($"{module.Name}: the database already holds data; load into an empty database or pass --first-index beyond the existing customers.");
                return null;
            }
        }

        var watch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new Progress<int>(done =>
        {
            if (log is not null && watch.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = watch.Elapsed;
                log.WriteLine($"{module.Name}: {done:N0}/{graph.CustomerCount:N0} customers");
            }
        });
        await module.GenerateAsync(() => DatabaseRegistration.CreateContext(services, module), graph, progress, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var report = new GenerationReport(module.Name, graph.CustomerCount, watch.Elapsed);
        log?.WriteLine(report.ToString());
        if (services.GetRequiredService<DatabaseTarget>().Provider == DatabaseProvider.PostgreSql)
        {
            // After a bulk load the planner has no statistics, every row still needs its hint bits set (the first reads
            // would write the whole table) and GIN indexes may hold a pending list; one VACUUM ANALYZE settles all three.
            var vacuum = Stopwatch.StartNew();
            await using var db = DatabaseRegistration.CreateContext(services, module);
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", cancellationToken).ConfigureAwait(false);
            log?.WriteLine($"{module.Name}: VACUUM (ANALYZE) in {vacuum.Elapsed.TotalSeconds:N1} s");
        }

        return report;
    }

    // Per-command SQL logs at Information would drown everything else; they stay available by configuration.
    private static readonly Dictionary<string, string?> QuietDefaults = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    private static string? ReadOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>What one generator run loaded and how fast.</summary>
public sealed record GenerationReport(string Subgraph, int Customers, TimeSpan Elapsed)
{
    public double CustomersPerSecond => Customers / Math.Max(Elapsed.TotalSeconds, 0.001);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Subgraph}: {Customers:N0} customers in {Elapsed.TotalSeconds:F1} s ({CustomersPerSecond:N0} customers/s)");
}
