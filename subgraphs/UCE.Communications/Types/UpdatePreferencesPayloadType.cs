using GraphQL.Types;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>UpdateCommunicationPreferencesPayload</c>.</summary>
public sealed class UpdatePreferencesPayloadType : ObjectGraphType<CustomerReference>
{
    public UpdatePreferencesPayloadType()
    {
        Name = "UpdateCommunicationPreferencesPayload";
        Field<CustomerType>("customer").Resolve(context => context.Source);
        Field<NonNullGraphType<CommunicationPreferencesType>>("communicationPreferences").Resolve(context => context.Source);
    }
}
