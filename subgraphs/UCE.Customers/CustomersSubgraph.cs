using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Customers.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers;

/// <summary>The customers subgraph: Customer, ServiceLocation, Account and the contact history.</summary>
public sealed class CustomersSubgraph : SubgraphModule<CustomersDbContext>
{
    public override string Name => "customers";

    public override int DefaultPort => 4001;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<CustomerByIdLoader>();
        services.AddScoped<AccountByIdLoader>();
        services.AddScoped<AccountByNumberLoader>();
        services.AddScoped<ServiceLocationByIdLoader>();
        services.AddScoped<AccountsByCustomerLoader>();
        services.AddScoped<ServiceLocationsByCustomerLoader>();
        services.AddScoped<InteractionsByCustomerLoader>();
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql)
    {
        graphql.AddSchema<CustomersSchema>();
        graphql.AddGraphTypes(typeof(CustomersSubgraph).Assembly);
    }

    protected override Task<bool> HasDataAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(cancellationToken);

    protected override async Task SeedAsync(CustomersDbContext db, DemoGraph graph, CancellationToken cancellationToken)
    {
        var records = graph.Customers().Select(CustomersSeed.For).ToList();
        db.Customers.AddRange(records.Select(r => r.Customer));
        db.ServiceLocations.AddRange(records.Select(r => r.Location));
        db.Accounts.AddRange(records.SelectMany(r => r.Accounts));
        db.Interactions.AddRange(records.SelectMany(r => r.Interactions));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Binary COPY on PostgreSQL; the chunked <see cref="SubgraphModule.SeedAsync"/> path on SQLite.</summary>
    public override async Task GenerateAsync(Func<DbContext> createContext, DemoGraph graph, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        await using var db = createContext();
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            await CustomersBulkLoader.LoadAsync(connection, graph, progress, cancellationToken);
            return;
        }

        await base.GenerateAsync(createContext, graph, progress, cancellationToken);
    }
}
