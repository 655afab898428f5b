using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Tests.Hosting.Sample;

/// <summary>
/// A minimal subgraph (widgets with parts) that exercises the hosting library without any domain: transport,
/// errors, identity, federation and data loaders. Widget i has i % 3 + 1 parts.
/// </summary>
public sealed class SampleSubgraph : SubgraphModule<SampleDbContext>
{
    public override string Name => "sample";

    public override int DefaultPort => 4099;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<WidgetByIdLoader>();
        services.AddScoped<PartsByWidgetLoader>();
        services.AddSingleton<SampleEvents>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql)
    {
        graphql.AddSchema<SampleSchema>();
        graphql.AddGraphTypes(typeof(SampleSchema).Assembly);
    }

    protected override Task<bool> HasDataAsync(SampleDbContext db, CancellationToken cancellationToken) =>
        db.Widgets.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(SampleDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        foreach (var customer in graph.Customers())
        {
            var id = $"w-{customer.Index:D3}";
            db.Widgets.Add(new Widget { Id = id, Name = $"Widget {customer.Index}" });
            for (var p = 0; p <= customer.Index % 3; p++)
            {
                db.Parts.Add(new Part { Id = $"{id}-p{p}", WidgetId = id, Name = $"Part {p} of {customer.Index}" });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
