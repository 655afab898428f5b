using UCE.Subgraphs.Hosting.Events.Directory;
using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Usage.Data;
using UCE.Usage.DataLoaders;
using UCE.Usage.Events;
using UCE.Usage.Types;

namespace UCE.Usage;

/// <summary>The usage subgraph: interval and daily meter reads, usage summaries and high-usage flags, the daily reads the meter data system records and the high-usage events they raise.</summary>
public sealed class UsageSubgraph : BulkLoadedSubgraphModule<UsageDbContext>
{
    public override string Name => "usage";

    public override int DefaultPort => 4003;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IDirectoryProjection, UsageDirectoryProjection>();
        services.AddScoped<MeterByLocationLoader>();
        services.AddScoped<MeterByIdLoader>();
        services.AddScoped<MeteredAccountLoader>();
        services.AddScoped<DailyReadsLoader>();
        services.AddScoped<IntervalReadsLoader>();
        services.AddScoped<PartnerConsents>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => UsageEventOptions.Read(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<MeterReadingRecorder>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<UsageSchema>().AddGraphTypes(typeof(UsageSubgraph).Assembly);

    protected override Task<bool> HasDataAsync(UsageDbContext db, CancellationToken cancellationToken) =>
        db.Meters.AnyAsync(cancellationToken);

    protected override int GenerationChunkSize => 5_000;

    protected override SeedTables SeedRows(DemoGraph graph)
    {
        var rows = UsageSeed.Generate(graph);
        return new SeedTables().Add(rows.Meters).Add(rows.Accounts).Add(rows.Consents).Add(rows.DailyReads).Add(rows.Intervals);
    }
}
