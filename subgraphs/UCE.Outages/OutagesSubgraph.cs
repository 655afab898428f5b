using UCE.Subgraphs.Hosting.Events.Directory;
using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Outages.Data;
using UCE.Outages.DataLoaders;
using UCE.Outages.Events;
using UCE.Outages.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Outages;

/// <summary>The outages subgraph: outages, their status history and reports, grid event ingestion and subscriptions; extends <c>ServiceLocation</c>.</summary>
public sealed class OutagesSubgraph : SubgraphModule<OutagesDbContext>
{
    public override string Name => "outages";

    public override int DefaultPort => 4004;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IDirectoryProjection, OutagesDirectoryProjection>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OutageByIdLoader>();
        services.AddScoped<GridConnectionByLocationLoader>();
        services.AddScoped<OutagesByLocationLoader>();
        services.AddScoped<ActiveOutageCountByCustomerLoader>();
        services.AddScoped<AffectedLocationsByOutageLoader>();
        services.AddScoped<StatusHistoryByOutageLoader>();
        services.AddScoped<ReportsByOutageLoader>();
        services.AddScoped<OutageReporting>();
        services.AddSingleton(provider => GridEventOptions.Read(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<GridEventApplier>();
        services.AddScoped<OutageStatusUpdates>();
        services.AddSingleton<OutageChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<OutageChangeFeed>());
        services.AddSingleton<GridEventConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<GridEventConsumer>());
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<OutagesSchema>().AddGraphTypes(typeof(OutagesSchema).Assembly);

    protected override Task<bool> HasDataAsync(OutagesDbContext db, CancellationToken cancellationToken) =>
        db.GridConnections.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(OutagesDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        var rows = OutageSeed.Build(graph);
        db.GridConnections.AddRange(rows.GridConnections);
        db.Outages.AddRange(rows.Outages);
        await db.SaveChangesAsync(cancellationToken);
    }
}
