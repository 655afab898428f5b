using GraphQL.Types;
using UCE.Products.Data;

namespace UCE.Products.Types;

/// <summary>GraphQL enum <c>EnrollmentStatus</c>: PENDING, ACTIVE, CANCELLED.</summary>
public sealed class EnrollmentStatusType : EnumerationGraphType<EnrollmentStatus>
{
    public EnrollmentStatusType()
    {
        Name = "EnrollmentStatus";
        Description = "Pending until installed, active, or cancelled for good.";
    }
}
