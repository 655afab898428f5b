using GraphQL.Types;

namespace UCE.Products.Types;

/// <summary>GraphQL type <c>EnrollPayload</c>.</summary>
public sealed class EnrollPayloadType : ObjectGraphType<EnrollmentPayload>
{
    public EnrollPayloadType()
    {
        Name = "EnrollPayload";
        Field<NonNullGraphType<EnrollmentType>>("enrollment").Resolve(context => context.Source.Enrollment);
    }
}
