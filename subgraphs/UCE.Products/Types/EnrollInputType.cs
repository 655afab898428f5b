using GraphQL.Types;

namespace UCE.Products.Types;

/// <summary>GraphQL input <c>EnrollInput</c>.</summary>
public sealed class EnrollInputType : InputObjectGraphType<EnrollInput>
{
    public EnrollInputType()
    {
        Name = "EnrollInput";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<NonNullGraphType<IdGraphType>>("productId");
    }
}
