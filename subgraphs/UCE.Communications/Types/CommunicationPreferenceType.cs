using GraphQL.Types;
using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>CommunicationPreference</c>: opted in or out of one topic on one channel.</summary>
public sealed class CommunicationPreferenceType : ObjectGraphType<CommunicationPreference>
{
    public CommunicationPreferenceType()
    {
        Name = "CommunicationPreference";
        Description = "Whether the customer wants messages of one topic over one channel.";
        Field<NonNullGraphType<CommunicationChannelType>>("channel").Resolve(context => context.Source.Channel);
        Field<NonNullGraphType<CommunicationTopicType>>("topic").Resolve(context => context.Source.Topic);
        Field<NonNullGraphType<BooleanGraphType>>("optedIn").Resolve(context => context.Source.OptedIn);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(context => context.Source.UpdatedAt);
    }
}
