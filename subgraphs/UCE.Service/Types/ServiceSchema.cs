using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>The service subgraph schema.</summary>
public sealed class ServiceSchema : Schema
{
    public ServiceSchema(IServiceProvider services, ServiceQuery query, ServiceMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
