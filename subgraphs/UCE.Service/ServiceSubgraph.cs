using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Service.Data;
using UCE.Service.DataLoaders;
using UCE.Service.Knowledge;
using UCE.Service.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Service;

/// <summary>The service subgraph: cases, their notes and surveys, service quality; extends <c>Customer</c>.</summary>
public sealed class ServiceSubgraph : SubgraphModule<ServiceDbContext>
{
    public override string Name => "service";

    public override int DefaultPort => 4007;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CustomerProfileByIdLoader>();
        services.AddScoped<CaseByIdLoader>();
        services.AddScoped<CasesByCustomerLoader>();
        services.AddScoped<CasesByAccountLoader>();
        services.AddScoped<CasesByOutageLoader>();
        services.AddScoped<NotesByCaseLoader>();
        services.AddScoped<SurveyByCaseLoader>();
        services.AddScoped<CaseHandling>();
        services.AddScoped<CaseWorkList>();
        services.AddScoped<ServiceQuality>();
        KnowledgeBase.AddServices(services);
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<ServiceSchema>().AddGraphTypes(typeof(ServiceSchema).Assembly);

    protected override Task<bool> HasDataAsync(ServiceDbContext db, CancellationToken cancellationToken) =>
        db.CustomerProfiles.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(ServiceDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        var rows = CaseSeed.Build(graph);
        db.CustomerProfiles.AddRange(rows.Customers);
        db.Cases.AddRange(rows.Cases);
        db.CaseNotes.AddRange(rows.Notes);
        db.CaseSurveys.AddRange(rows.Surveys);
        await KnowledgeBase.AddDemoArticlesAsync(db, graph, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public override Task OnSchemaReadyAsync(DbContext db, DatabaseProvider provider, CancellationToken cancellationToken) =>
        KnowledgeBase.OnSchemaReadyAsync(db, provider, cancellationToken);
}
