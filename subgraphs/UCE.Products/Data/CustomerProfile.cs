namespace UCE.Products.Data;

/// <summary>A customer as the products domain knows them: enough to decide who may enroll.</summary>
public sealed class CustomerProfile
{
    public required string CustomerId { get; init; }

    public bool Commercial { get; init; }
}
