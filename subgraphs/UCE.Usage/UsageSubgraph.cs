using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Usage.Data;
using UCE.Usage.DataLoaders;
using UCE.Usage.Types;

namespace UCE.Usage;

/// <summary>The usage subgraph: interval and daily meter reads, usage summaries and high-usage flags.</summary>
public sealed class UsageSubgraph : SubgraphModule<UsageDbContext>
{
    public override string Name => "usage";

    public override int DefaultPort => 4003;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<MeterByLocationLoader>();
        services.AddScoped<MeterByIdLoader>();
        services.AddScoped<MeteredAccountLoader>();
        services.AddScoped<DailyReadsLoader>();
        services.AddScoped<IntervalReadsLoader>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<UsageSchema>().AddGraphTypes(typeof(UsageSubgraph).Assembly);

    protected override Task<bool> HasDataAsync(UsageDbContext db, CancellationToken cancellationToken) =>
        db.Meters.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(UsageDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        var rows = UsageSeed.Generate(graph);
        db.Meters.AddRange(rows.Meters);
        db.MeteredAccounts.AddRange(rows.Accounts);
        db.DailyReads.AddRange(rows.DailyReads);
        db.IntervalReads.AddRange(rows.Intervals);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
