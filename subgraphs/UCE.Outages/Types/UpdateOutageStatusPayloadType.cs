using GraphQL.Types;

namespace UCE.Outages.Types;

/// <summary>GraphQL type <c>UpdateOutageStatusPayload</c>.</summary>
public sealed class UpdateOutageStatusPayloadType : ObjectGraphType<UpdateOutageStatusPayload>
{
    public UpdateOutageStatusPayloadType()
    {
        Name = "UpdateOutageStatusPayload";
        Field<NonNullGraphType<OutageType>>("outage").Resolve(context => context.Source.Outage);
        Field<NonNullGraphType<IdGraphType>>("eventId")
            .Description("The id of the change (op-…), as published to subscribers and kept among the applied grid events.")
            .Resolve(context => context.Source.EventId);
    }
}
