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

    /// <summary>On PostgreSQL the generator writes each chunk with binary COPY; elsewhere it seeds chunk by chunk.</summary>
    public override async Task GenerateAsync(Func<DbContext> createContext, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using (var probe = createContext())
        {
            if (!probe.Database.IsNpgsql())
            {
                await base.GenerateAsync(createContext, graph, progress, cancellationToken);
                return;
            }
        }

        var end = graph.FirstIndex + graph.CustomerCount;
        for (var first = graph.FirstIndex; first < end; first += GenerationChunkSize)
        {
            var count = Math.Min(GenerationChunkSize, end - first);
            var rows = UsageSeed.Generate(new DemoGraph(count, first));
            await using var db = createContext();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.Meters, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.Accounts, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.DailyReads, cancellationToken);
            await PostgresBulkCopy.CopyAsync(db, rows.Intervals, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(first + count - graph.FirstIndex);
        }
    }

    protected override int GenerationChunkSize => 5_000;

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
