using GraphQL;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UCE.Customers.Events;
using UCE.Customers.Requests;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Customers.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers;

/// <summary>The customers subgraph: Customer, ServiceLocation, Account and the contact history.</summary>
public sealed class CustomersSubgraph : BulkLoadedSubgraphModule<CustomersDbContext>
{
    public override string Name => "customers";

    public override int DefaultPort => 4001;

    /// <summary>The agent desktop's opening calls: a customer by id with accounts and locations, and each kind of search.</summary>
    public override IReadOnlyList<string> WarmUpQueries =>
    [
        """{ customer(id: "cus-uce-warm-up") { id name email phone segment accounts { id number kind } serviceLocations { id city premiseId } } }""",
        """{ customers(search: "uce-warm-up", first: 20) { totalCount(atMost: 100) nodes { id name email phone segment } pageInfo { hasNextPage endCursor } } }""",
        """{ customers(search: "warm@uce-warm-up", first: 20) { nodes { id } } }""",
        """{ customers(search: "cus-uce-warm-up", first: 20) { nodes { id } } }""",
        """{ customers(search: "5550000000", first: 20) { nodes { id } } }""",
        """{ customers(search: "PRM-UCE-WARM-UP", first: 20) { nodes { id } } }""",
    ];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<CustomerByIdLoader>();
        services.AddScoped<AccountByIdLoader>();
        services.AddScoped<AccountByNumberLoader>();
        services.AddScoped<ServiceLocationByIdLoader>();
        services.AddScoped<AccountsByCustomerLoader>();
        services.AddScoped<ServiceLocationsByCustomerLoader>();
        services.AddScoped<AccountsByServiceLocationLoader>();
        services.AddScoped<InteractionsByCustomerLoader>();
        services.AddScoped<ServiceRequestsByCustomerLoader>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccountNumbers>();
        services.AddSingleton<IdempotentMutations>();
        services.AddSingleton<ServiceRequests>();
        services.AddSingleton<ContactDetails>();
        services.AddSingleton<ContactLog>();
        services.AddSingleton<InteractionRecorder>();
        services.AddSingleton<InteractionEventConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<InteractionEventConsumer>());
        services.AddSingleton<ServiceRequestFulfilment>();
        services.AddHostedService(provider => provider.GetRequiredService<ServiceRequestFulfilment>());
    }

    public override void ConfigureGraphQL(IGraphQLBuilder graphql)
    {
        graphql.AddSchema<CustomersSchema>();
        graphql.AddGraphTypes(typeof(CustomersSubgraph).Assembly);
    }

    protected override Task<bool> HasDataAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(cancellationToken);

    /// <summary>Customers are small rows, so the generator writes more of them per chunk.</summary>
    protected override int GenerationChunkSize => 10_000;

    protected override SeedTables SeedRows(DemoGraph graph)
    {
        var records = graph.Customers().Select(customer => CustomersSeed.For(customer, graph.Now)).ToList();
        return new SeedTables()
            .Add(records.Select(r => r.Customer))
            .Add(records.Select(r => r.Location))
            .Add(records.SelectMany(r => r.Accounts))
            .Add(records.SelectMany(r => r.Interactions));
    }
}
