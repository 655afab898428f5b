namespace UCE.Service.Types;

/// <summary>
/// A customer owned by the customers subgraph, known here by its id, with the facts other subgraphs own that the
/// gateway passed along (<c>@requires</c>); <see cref="Facts"/> is null when it passed none.
/// </summary>
public sealed record CustomerReference(string Id, CustomerFacts? Facts = null);

/// <summary>What other subgraphs know of a customer, as the gateway fetched it for <c>nextBestActions</c>.</summary>
/// <param name="OverdueBalance">From billing: owed on bills past their due date.</param>
/// <param name="ActiveOutageCount">From outages: outages not yet restored at the customer's premises.</param>
/// <param name="NextOfferExpiry">From products: when the first open offer expires.</param>
public sealed record CustomerFacts(double? OverdueBalance, int? ActiveOutageCount, DateTime? NextOfferExpiry);

/// <summary>A <c>Customer</c> representation passed to <c>_entities</c>: the key, and the external fields when the gateway required them.</summary>
public sealed class CustomerRepresentation
{
    public string? Id { get; set; }

    public double? OverdueBalance { get; set; }

    public int? ActiveOutageCount { get; set; }

    public DateTime? NextOfferExpiry { get; set; }

    /// <summary>The facts, or null when the representation carries none of them.</summary>
    public CustomerFacts? Facts =>
        OverdueBalance is null && ActiveOutageCount is null && NextOfferExpiry is null
            ? null
            : new CustomerFacts(OverdueBalance, ActiveOutageCount, NextOfferExpiry);
}
