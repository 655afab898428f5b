using GraphQL.Types;
using UCE.Customers.Data;

namespace UCE.Customers.Types;

/// <summary>Arguments of <c>updateContactDetails</c>: what is given changes, what is omitted stays.</summary>
public sealed class UpdateContactDetailsInput
{
    public string CustomerId { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public AddressInput? MailingAddress { get; set; }

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>Arguments of <c>onboardCustomer</c>.</summary>
public sealed class OnboardCustomerInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public CustomerSegment Segment { get; set; }

    public AddressInput? ServiceAddress { get; set; }

    public AddressInput? MailingAddress { get; set; }

    public DateOnly StartOn { get; set; }

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>Arguments of <c>logContact</c>.</summary>
public sealed class LogContactInput
{
    public string CustomerId { get; set; } = "";

    public InteractionChannel Channel { get; set; }

    public string? Reason { get; set; }

    public ContactDisposition Disposition { get; set; }

    public int DurationSeconds { get; set; }

    public string? Notes { get; set; }
}

/// <summary>GraphQL input <c>UpdateContactDetailsInput</c>.</summary>
public sealed class UpdateContactDetailsInputType : InputObjectGraphType<UpdateContactDetailsInput>
{
    public UpdateContactDetailsInputType()
    {
        Name = "UpdateContactDetailsInput";
        Description = "The contact details to change; at least one of email, phone and mailingAddress.";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<StringGraphType>("email");
        Field<StringGraphType>("phone").Description("10 to 15 digits; spaces, dashes, dots, parentheses and a leading + allowed.");
        Field<AddressInputType>("mailingAddress");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description(StartServiceInputType.IdempotencyKeyDescription);
    }
}

/// <summary>GraphQL input <c>OnboardCustomerInput</c>.</summary>
public sealed class OnboardCustomerInputType : InputObjectGraphType<OnboardCustomerInput>
{
    public OnboardCustomerInputType()
    {
        Name = "OnboardCustomerInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("email");
        Field<NonNullGraphType<StringGraphType>>("phone");
        Field<CustomerSegmentType>("segment").DefaultValue(CustomerSegment.Residential);
        Field<NonNullGraphType<AddressInputType>>("serviceAddress").Description("Where the first account's service starts.");
        Field<AddressInputType>("mailingAddress").Description("Omitted: post goes to the service address.");
        Field<NonNullGraphType<DateOnlyGraphType>>("startOn").Description($"Today or up to {Requests.RequestRules.MaxDaysAhead} days ahead.");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description(StartServiceInputType.IdempotencyKeyDescription);
    }
}

/// <summary>GraphQL input <c>LogContactInput</c>.</summary>
public sealed class LogContactInputType : InputObjectGraphType<LogContactInput>
{
    public LogContactInputType()
    {
        Name = "LogContactInput";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<NonNullGraphType<InteractionChannelType>>("channel");
        Field<NonNullGraphType<StringGraphType>>("reason").Description($"Why the customer got in touch, 1–{Requests.ContactLog.MaxReasonLength} characters; the interaction's topic.");
        Field<NonNullGraphType<ContactDispositionType>>("disposition");
        Field<NonNullGraphType<IntGraphType>>("durationSeconds").Description($"0–{Requests.ContactLog.MaxDurationSeconds}.");
        Field<StringGraphType>("notes").Description($"At most {Requests.ContactLog.MaxNotesLength} characters; the interaction's summary.");
    }
}
