using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Communications.Data;
using UCE.Communications.DataLoaders;
using UCE.Communications.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Communications;

/// <summary>The communications subgraph: the preference center, message templates and the notification outbox; extends <c>Customer</c>.</summary>
public sealed class CommunicationsSubgraph : BulkLoadedSubgraphModule<CommunicationsDbContext>
{
    public override string Name => "communications";

    public override int DefaultPort => 4006;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RecipientByIdLoader>();
        services.AddScoped<PreferencesByCustomerLoader>();
        services.AddScoped<NotificationsByCustomerLoader>();
        services.AddScoped<PreferenceCenter>();
        services.AddScoped<NotificationOutbox>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<CommunicationsSchema>().AddGraphTypes(typeof(CommunicationsSchema).Assembly);

    protected override Task<bool> HasDataAsync(CommunicationsDbContext db, CancellationToken cancellationToken) =>
        db.Recipients.AnyAsync(cancellationToken);

    /// <summary>Eleven preferences and a year of notifications per customer: large chunks keep COPY efficient.</summary>
    protected override int GenerationChunkSize => 5_000;

    /// <summary>The message templates every notification points at, written once.</summary>
    protected override async Task EnsureSharedRowsAsync(CommunicationsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Templates.AnyAsync(cancellationToken))
        {
            db.Templates.AddRange(MessageTemplates.Create());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    protected override SeedTables SeedRows(DemoGraph graph)
    {
        var rows = CommunicationSeed.Build(graph);
        return new SeedTables()
            .Add(rows.Recipients)
            .Add(rows.Recipients.SelectMany(recipient => recipient.Preferences))
            .Add(rows.Notifications);
    }
}
