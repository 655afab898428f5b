namespace UCE.Customers.Data;

/// <summary>A premise the utility serves, with its meter.</summary>
public sealed class ServiceLocation
{
    public required string Id { get; set; }

    public required string CustomerId { get; set; }

    public required string Line1 { get; set; }

    public required string City { get; set; }

    public required string State { get; set; }

    public required string PostalCode { get; set; }

    public required string PremiseId { get; set; }

    public required string MeterId { get; set; }
}
