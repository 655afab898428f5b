using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers.Data;

/// <summary>A customer's account for one kind of service at one location.</summary>
public sealed class Account
{
    public required string Id { get; set; }

    /// <summary>The number printed on bills; customers and agents look accounts up by it.</summary>
    public required string Number { get; set; }

    public AccountKind Kind { get; set; }

    public AccountStatus Status { get; set; }

    public DateOnly Opened { get; set; }

    /// <summary>The day service stops (closed, or scheduled to close); null while no stop is asked for.</summary>
    public DateOnly? ClosesOn { get; set; }

    public required string CustomerId { get; set; }

    public required string ServiceLocationId { get; set; }
}

/// <summary>Where an account stands.</summary>
public enum AccountStatus
{
    Active,
    Pending,
    Closed,
}
