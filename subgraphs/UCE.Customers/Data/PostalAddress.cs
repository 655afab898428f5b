namespace UCE.Customers.Data;

/// <summary>A postal address in the United States: street line, city, two-letter state, ZIP or ZIP+4.</summary>
public sealed record PostalAddress(string Line1, string City, string State, string PostalCode);
