using GraphQL.Types;

namespace UCE.Customers.Types;

/// <summary>The customers subgraph schema: customers, service locations, accounts, contact history.</summary>
public sealed class CustomersSchema : Schema
{
    public CustomersSchema(IServiceProvider services, CustomersQuery query, CustomersMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
