using UCE.Products.Data;

namespace UCE.Products.Types;

/// <summary>The result of <c>enroll</c> and <c>cancelEnrollment</c>: the enrollment as it now stands.</summary>
public sealed record EnrollmentPayload(Enrollment Enrollment);
