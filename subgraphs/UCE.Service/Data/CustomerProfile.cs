namespace UCE.Service.Data;

/// <summary>A customer as the service domain knows them: enough to refuse a case for a customer who does not exist.</summary>
public sealed class CustomerProfile
{
    public required string CustomerId { get; init; }
}
