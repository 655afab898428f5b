using GraphQL.Types;
using UCE.Customers.Data;

namespace UCE.Customers.Types;

/// <summary>GraphQL type <c>InteractionSubject</c>: the entity an interaction concerns, by its GraphQL type name and id.</summary>
public sealed class InteractionSubjectType : ObjectGraphType<Interaction>
{
    public InteractionSubjectType()
    {
        Name = "InteractionSubject";
        Description = "The entity an interaction concerns, in whichever subgraph owns it: its type (Payment, Enrollment, Outage, Notification, ServiceRequest …) and id.";
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(context => context.Source.SubjectType);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.SubjectId);
    }
}
