namespace UCE.Products.Data;

/// <summary>A product suggested to one customer, with the reason it suits them, until it expires or is taken up.</summary>
public sealed class Offer
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required string ProductId { get; init; }

    public required string Reason { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    /// <summary>When the customer enrolled in the offered product; an accepted offer is no longer shown.</summary>
    public DateTime? AcceptedAt { get; set; }

    public bool IsOpenAt(DateTime now) => AcceptedAt is null && ExpiresAt > now;
}
