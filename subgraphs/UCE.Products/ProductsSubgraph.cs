using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Products.Events;
using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Products.Data;
using UCE.Products.DataLoaders;
using UCE.Products.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Products;

/// <summary>The products subgraph: the catalogue, enrollments and offers; extends <c>Customer</c>.</summary>
public sealed class ProductsSubgraph : SubgraphModule<ProductsDbContext>
{
    public override string Name => "products";

    public override int DefaultPort => 4005;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IDirectoryProjection, ProductsDirectoryProjection>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ProductByIdLoader>();
        services.AddScoped<CustomerProfileByIdLoader>();
        services.AddScoped<EnrollmentsByCustomerLoader>();
        services.AddScoped<EnrollmentByIdLoader>();
        services.AddScoped<OpenOffersByCustomerLoader>();
        services.AddScoped<ProductEnrollments>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql) =>
        graphql.AddSchema<ProductsSchema>().AddGraphTypes(typeof(ProductsSchema).Assembly);

    protected override Task<bool> HasDataAsync(ProductsDbContext db, CancellationToken cancellationToken) =>
        db.CustomerProfiles.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(ProductsDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        // The catalogue is shared by every chunk; the first chunk into an empty database writes it.
        if (!await db.Products.AnyAsync(cancellationToken))
        {
            db.Products.AddRange(ProductCatalogue.Create());
        }

        var rows = ProductSeed.Build(graph);
        db.CustomerProfiles.AddRange(rows.Customers);
        db.Enrollments.AddRange(rows.Enrollments);
        db.Offers.AddRange(rows.Offers);
        await db.SaveChangesAsync(cancellationToken);
    }
}
