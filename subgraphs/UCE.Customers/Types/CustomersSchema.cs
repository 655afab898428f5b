using GraphQL.Types;

namespace UCE.Customers.Types;

/// <summary>The customers subgraph schema: customers, service locations, accounts, contact history.</summary>
public sealed class CustomersSchema : Schema
{
    public CustomersSchema(IServiceProvider services, CustomersQuery query)
        : base(services)
    {
        Query = query;
    }
}
