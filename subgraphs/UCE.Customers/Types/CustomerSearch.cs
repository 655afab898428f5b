using UCE.Customers.Data;

namespace UCE.Customers.Types;

/// <summary>The <c>customers(search:)</c> filter: a case-insensitive match on name or e-mail, or an exact id.</summary>
public static class CustomerSearch
{
    /// <summary>The longest accepted search text.</summary>
    public const int MaxLength = 100;

    public static IQueryable<Customer> Apply(IQueryable<Customer> customers, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return customers;
        }

        var term = search.Trim();
        var lower = term.ToLowerInvariant();
#pragma warning disable CA1862 // string.Equals(…, OrdinalIgnoreCase) has no SQL translation; ToLower does on both providers.
        return customers.Where(customer =>
            customer.Id == term
            || customer.Name.ToLower().Contains(lower)
            || customer.Email.ToLower().Contains(lower));
#pragma warning restore CA1862
    }
}
