namespace UCE.Customers.Data;

/// <summary>
/// A mutation recorded under the client's idempotency key: which operation, a fingerprint of its input, and the id of what
/// it produced. The key is unique, so a retried request finds its earlier result instead of acting twice.
/// </summary>
public sealed class IdempotentRequest
{
    public const int MaxKeyLength = 128;

    public required string Key { get; set; }

    /// <summary>The mutation (<c>moveService</c>).</summary>
    public required string Operation { get; set; }

    /// <summary>SHA-256 of the normalised input, hex.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>The service request or customer the mutation produced.</summary>
    public required string ResultId { get; set; }

    public DateTime CreatedAt { get; set; }
}
