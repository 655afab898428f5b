namespace UCE.Customers.Data;

/// <summary>A person or business the utility serves.</summary>
public sealed class Customer
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public required string Phone { get; set; }

    public CustomerSegment Segment { get; set; }

    /// <summary>The day the customer relationship began.</summary>
    public DateOnly Since { get; set; }

    /// <summary>Where post goes when not to the service location; null when it does.</summary>
    public PostalAddress? MailingAddress { get; set; }
}

/// <summary>Residential households or commercial businesses.</summary>
public enum CustomerSegment
{
    Residential,
    Commercial,
}
