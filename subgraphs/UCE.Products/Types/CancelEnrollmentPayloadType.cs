using GraphQL.Types;

namespace UCE.Products.Types;

/// <summary>GraphQL type <c>CancelEnrollmentPayload</c>.</summary>
public sealed class CancelEnrollmentPayloadType : ObjectGraphType<EnrollmentPayload>
{
    public CancelEnrollmentPayloadType()
    {
        Name = "CancelEnrollmentPayload";
        Field<NonNullGraphType<EnrollmentType>>("enrollment").Resolve(context => context.Source.Enrollment);
    }
}
