namespace UCE.Products.Types;

/// <summary>The <c>extensions.code</c> values the products subgraph adds to the shared ones.</summary>
public static class ProductErrorCodes
{
    public const string ProductNotFound = "PRODUCT_NOT_FOUND";

    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";

    public const string AlreadyEnrolled = "ALREADY_ENROLLED";

    public const string EnrollmentNotFound = "ENROLLMENT_NOT_FOUND";

    public const string EnrollmentAlreadyCancelled = "ENROLLMENT_ALREADY_CANCELLED";
}
