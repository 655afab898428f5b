using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>The service subgraph's mutations.</summary>
public sealed class ServiceMutation : ObjectGraphType
{
    public ServiceMutation()
    {
        Name = "Mutation";
        KnowledgeMutationFields.AddTo(this);
    }
}
