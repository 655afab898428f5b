using GraphQL.Types;

namespace UCE.Outages.Types;

/// <summary>GraphQL input <c>UpdateOutageStatusInput</c>.</summary>
public sealed class UpdateOutageStatusInputType : InputObjectGraphType<UpdateOutageStatusInput>
{
    public UpdateOutageStatusInputType()
    {
        Name = "UpdateOutageStatusInput";
        Field<NonNullGraphType<IdGraphType>>("outageId").Description("The outage to move.");
        Field<NonNullGraphType<OutageStatusType>>("status")
            .Description("The status to move to: a later one than the current, or the current one to change only the estimate.");
        Field<DateTimeGraphType>("estimatedRestorationAt").Description("A new restoration estimate; the current one stays when omitted.");
    }
}
