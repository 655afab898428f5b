using GraphQL.Types;
using UCE.Outages.Data;

namespace UCE.Outages.Types;

/// <summary>GraphQL type <c>OutageStatusChange</c>: one step of an outage's status history.</summary>
public sealed class OutageStatusChangeType : ObjectGraphType<OutageStatusChange>
{
    public OutageStatusChangeType()
    {
        Name = "OutageStatusChange";
        Description = "One step of an outage's status history.";
        Field<NonNullGraphType<OutageStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(context => context.Source.At);
        Field<StringGraphType>("note").Resolve(context => context.Source.Note);
    }
}
