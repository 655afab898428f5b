namespace UCE.Products.Types;

/// <summary>The arguments of <c>enroll</c>.</summary>
public sealed class EnrollInput
{
    public string CustomerId { get; set; } = "";

    public string ProductId { get; set; } = "";
}
