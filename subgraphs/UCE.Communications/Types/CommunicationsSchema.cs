using GraphQL.Types;

namespace UCE.Communications.Types;

/// <summary>The communications subgraph schema.</summary>
public sealed class CommunicationsSchema : Schema
{
    public CommunicationsSchema(IServiceProvider services, CommunicationsQuery query, CommunicationsMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
