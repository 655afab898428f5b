using GraphQL.Types;
using UCE.Customers.Data;

namespace UCE.Customers.Types;

/// <summary>A postal address as a mutation receives it; <c>RequestRules.Address</c> validates it.</summary>
public sealed class AddressInput
{
    public string? Line1 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }
}

/// <summary>GraphQL input <c>AddressInput</c>.</summary>
public sealed class AddressInputType : InputObjectGraphType<AddressInput>
{
    public AddressInputType()
    {
        Name = "AddressInput";
        Description = "A postal address in the United States.";
        Field<NonNullGraphType<StringGraphType>>("line1").Description("Street and number, 1–200 characters.");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<NonNullGraphType<StringGraphType>>("state").Description("Two-letter code (IL).");
        Field<NonNullGraphType<StringGraphType>>("postalCode").Description("ZIP code: 12345 or 12345-6789.");
    }
}

/// <summary>GraphQL type <c>PostalAddress</c>.</summary>
public sealed class PostalAddressType : ObjectGraphType<PostalAddress>
{
    public PostalAddressType()
    {
        Name = "PostalAddress";
        Description = "A postal address in the United States.";
        Field(address => address.Line1);
        Field(address => address.City);
        Field(address => address.State);
        Field(address => address.PostalCode);
    }
}
