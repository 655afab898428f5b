using UCE.Subgraphs.Hosting.Events.Directory;
using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Communications.Data;
using UCE.Communications.DataLoaders;
using UCE.Communications.Delivery;
using UCE.Communications.Events;
using UCE.Communications.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Communications;

/// <summary>
/// The communications subgraph: the preference center, message templates, the notification outbox, the notifications raised
/// by outage changes and high-usage events, and the dispatcher that delivers them; extends <c>Customer</c>.
/// </summary>
public sealed class CommunicationsSubgraph : BulkLoadedSubgraphModule<CommunicationsDbContext>
{
    public override string Name => "communications";

    public override int DefaultPort => 4006;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IDirectoryProjection, CommunicationsDirectoryProjection>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RecipientByIdLoader>();
        services.AddScoped<PreferencesByCustomerLoader>();
        services.AddScoped<NotificationsByCustomerLoader>();
        services.AddScoped<PreferenceCenter>();
        services.AddScoped<NotificationOutbox>();
        services.AddHostedService<MessageTemplateSync>();

        services.AddSingleton(provider => NotificationOptions.Read(provider.GetRequiredService<IConfiguration>()));
        services.AddHttpClient(ChannelSenders.HttpClientName);
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService<NotificationDispatchService>();
        services.AddSingleton<EventNotificationWriter>();
        services.AddSingleton<OutageChangeNotifier>();
        services.AddSingleton<HighUsageNotifier>();
        services.AddSingleton<NotificationEventConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationEventConsumer>());
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
        await MessageTemplateSync.AddMissingAsync(db, cancellationToken);
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
