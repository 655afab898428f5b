using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>The service subgraph schema.</summary>
public sealed class ServiceSchema : Schema
{
    public ServiceSchema(IServiceProvider services, ServiceQuery query)
        : base(services)
    {
        Query = query;
    }
}
