using GraphQL.Federation;
using GraphQL.Types;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Service.Types;

/// <summary>The billing subgraph's <c>Bill</c>, as a case points at it; the gateway fetches its fields from billing.</summary>
public sealed class BillType : ObjectGraphType<LinkedEntity>
{
    public BillType()
    {
        Name = "Bill";
        this.Key("id", resolvable: false);
        this.Authorize(Access.CustomerData<LinkedEntity>(bill => bill.CustomerId));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
    }
}

/// <summary>The products subgraph's <c>Enrollment</c>, as a case points at it; the gateway fetches its fields from products.</summary>
public sealed class EnrollmentType : ObjectGraphType<LinkedEntity>
{
    public EnrollmentType()
    {
        Name = "Enrollment";
        this.Key("id", resolvable: false);
        this.Authorize(Access.CustomerData<LinkedEntity>(enrollment => enrollment.CustomerId));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
    }
}
