namespace UCE.Customers.Data;

/// <summary>Columns of the customers table the model keeps without a property on <see cref="Customer"/>.</summary>
public static class CustomerColumns
{
    /// <summary>The phone number's digits (a stored generated column), for exact phone lookups.</summary>
    public const string PhoneDigits = "PhoneDigits";

    /// <summary>
    /// The generated column's expression, valid on PostgreSQL and SQLite alike: a phone number holds digits, spaces,
    /// <c>-</c>, <c>.</c>, parentheses and a leading <c>+</c> (<c>PHONE_INVALID</c> refuses anything else).
    /// </summary>
    public const string PhoneDigitsSql =
        "replace(replace(replace(replace(replace(replace(\"Phone\", '+', ''), '-', ''), ' ', ''), '.', ''), '(', ''), ')', '')";
}
