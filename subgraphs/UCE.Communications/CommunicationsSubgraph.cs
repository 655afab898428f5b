using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using UCE.Communications.Data;
using UCE.Communications.DataLoaders;
using UCE.Communications.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Communications;

/// <summary>The communications subgraph: the preference center, message templates and the notification outbox; extends <c>Customer</c>.</summary>
public sealed class CommunicationsSubgraph : SubgraphModule<CommunicationsDbContext>
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

    /// <summary>On PostgreSQL, bulk-loads with binary COPY; elsewhere, seeds chunk by chunk.</summary>
    public override async Task GenerateAsync(Func<DbContext> createContext, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        await using var db = (CommunicationsDbContext)createContext();
        if (!db.Database.IsNpgsql())
        {
            await base.GenerateAsync(createContext, graph, progress, cancellationToken);
            return;
        }

        if (!await db.Templates.AnyAsync(cancellationToken))
        {
            db.Templates.AddRange(MessageTemplates.Create());
            await db.SaveChangesAsync(cancellationToken);
        }

        await CommunicationsBulkLoader.LoadAsync((NpgsqlConnection)db.Database.GetDbConnection(), graph, progress, cancellationToken);
    }

    protected override Task<bool> HasDataAsync(CommunicationsDbContext db, CancellationToken cancellationToken) =>
        db.Recipients.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(CommunicationsDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        // The templates are shared by every chunk; the first chunk into an empty database writes them.
        if (!await db.Templates.AnyAsync(cancellationToken))
        {
            db.Templates.AddRange(MessageTemplates.Create());
        }

        var rows = CommunicationSeed.Build(graph);
        db.Recipients.AddRange(rows.Recipients);
        db.Notifications.AddRange(rows.Notifications);
        await db.SaveChangesAsync(cancellationToken);
    }
}
