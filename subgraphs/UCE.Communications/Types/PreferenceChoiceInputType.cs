using GraphQL.Types;

namespace UCE.Communications.Types;

/// <summary>GraphQL input <c>CommunicationPreferenceInput</c>.</summary>
public sealed class PreferenceChoiceInputType : InputObjectGraphType<PreferenceChoice>
{
    public PreferenceChoiceInputType()
    {
        Name = "CommunicationPreferenceInput";
        Field<NonNullGraphType<CommunicationChannelType>>("channel");
        Field<NonNullGraphType<CommunicationTopicType>>("topic");
        Field<NonNullGraphType<BooleanGraphType>>("optedIn");
    }
}
