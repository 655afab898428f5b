using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Customers.Types;

/// <summary>The domain errors of the customers subgraph's mutations and their stable codes.</summary>
public static class CustomerErrors
{
    public const string CustomerNotFoundCode = "CUSTOMER_NOT_FOUND";
    public const string AccountNotFoundCode = "ACCOUNT_NOT_FOUND";
    public const string AccountNotActiveCode = "ACCOUNT_NOT_ACTIVE";
    public const string ServiceDateInvalidCode = "SERVICE_DATE_INVALID";
    public const string ServiceRequestNotFoundCode = "SERVICE_REQUEST_NOT_FOUND";
    public const string ServiceRequestNotScheduledCode = "SERVICE_REQUEST_NOT_SCHEDULED";
    public const string AddressInvalidCode = "ADDRESS_INVALID";
    public const string EmailInvalidCode = "EMAIL_INVALID";
    public const string PhoneInvalidCode = "PHONE_INVALID";
    public const string NameInvalidCode = "NAME_INVALID";
    public const string ContactDetailsEmptyCode = "CONTACT_DETAILS_EMPTY";
    public const string ContactLogInvalidCode = "CONTACT_LOG_INVALID";
    public const string IdempotencyKeyInvalidCode = "IDEMPOTENCY_KEY_INVALID";
    public const string IdempotencyKeyReusedCode = "IDEMPOTENCY_KEY_REUSED";

    public static DomainError CustomerNotFound(string id) => new(CustomerNotFoundCode, $"Customer '{id}' does not exist.");

    public static DomainError AccountNotFound(string id) => new(AccountNotFoundCode, $"Account '{id}' does not exist.");

    public static DomainError AccountNotActive(string id) =>
        new(AccountNotActiveCode, $"Account '{id}' is not active, or already has a stop date.");

    public static DomainError ServiceDateInvalid(string argument, int maxDaysAhead) =>
        new(ServiceDateInvalidCode, $"'{argument}' must be between today and {maxDaysAhead} days ahead.");

    public static DomainError ServiceRequestNotFound(string id) => new(ServiceRequestNotFoundCode, $"Service request '{id}' does not exist.");

    public static DomainError ServiceRequestNotScheduled(string id) =>
        new(ServiceRequestNotScheduledCode, $"Service request '{id}' is no longer scheduled: only a scheduled request can be cancelled.");

    public static DomainError AddressInvalid(string argument, string reason) => new(AddressInvalidCode, $"'{argument}' is not a valid address: {reason}.");

    public static DomainError EmailInvalid() => new(EmailInvalidCode, "'email' must be an e-mail address of at most 200 characters.");

    public static DomainError PhoneInvalid() => new(PhoneInvalidCode, "'phone' must have 10 to 15 digits (spaces, dashes, dots, parentheses and a leading + allowed).");

    public static DomainError NameInvalid() => new(NameInvalidCode, "'name' must be 1 to 200 characters, not only spaces.");

    public static DomainError ContactDetailsEmpty() => new(ContactDetailsEmptyCode, "Give at least one of 'email', 'phone' or 'mailingAddress'.");

    public static DomainError ContactLogInvalid(string reason) => new(ContactLogInvalidCode, $"The contact cannot be logged: {reason}.");

    public static DomainError IdempotencyKeyInvalid() =>
        new(IdempotencyKeyInvalidCode, $"The idempotency key must be 1 to {IdempotentRequest.MaxKeyLength} characters, not only spaces.");

    public static DomainError IdempotencyKeyReused(string key) =>
        new(IdempotencyKeyReusedCode, $"Idempotency key '{key}' was already used for a different request.");
}
