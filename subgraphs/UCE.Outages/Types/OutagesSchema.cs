using GraphQL.Types;

namespace UCE.Outages.Types;

/// <summary>The outages subgraph schema.</summary>
public sealed class OutagesSchema : Schema
{
    public OutagesSchema(IServiceProvider services, OutagesQuery query, OutagesMutation mutation, OutagesSubscription subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;

        // Reached only through _entities: the gateway asks outages how many outages hit a customer.
        RegisterType(typeof(CustomerType));
    }
}
