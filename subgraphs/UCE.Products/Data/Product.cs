namespace UCE.Products.Data;

/// <summary>One offering of the advanced energy solutions catalogue.</summary>
public sealed class Product
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public ProductCategory Category { get; init; }

    public required string Description { get; init; }

    /// <summary>The price in cents, so sums and ordering stay exact on every provider.</summary>
    public long PriceCents { get; init; }

    public required string Currency { get; init; }

    public PriceBasis PriceBasis { get; init; }

    /// <summary>The contract terms shown before enrolling.</summary>
    public required string Terms { get; init; }

    /// <summary>The minimum contract length; null when the customer may cancel at any time.</summary>
    public int? TermMonths { get; init; }

    /// <summary>True when a technician must install it, so a new enrollment starts pending.</summary>
    public bool RequiresInstallation { get; init; }
}
