using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Billing.Types;

/// <summary>The domain errors of the billing subgraph and their stable codes.</summary>
public static class BillingErrors
{
    public const string BillNotFoundCode = "BILL_NOT_FOUND";
    public const string AccountNotFoundCode = "ACCOUNT_NOT_FOUND";
    public const string PaymentAmountInvalidCode = "PAYMENT_AMOUNT_INVALID";
    public const string IdempotencyKeyInvalidCode = "IDEMPOTENCY_KEY_INVALID";
    public const string IdempotencyKeyReusedCode = "IDEMPOTENCY_KEY_REUSED";
    public const string PageSizeInvalidCode = "PAGE_SIZE_INVALID";
    public const string CursorInvalidCode = "CURSOR_INVALID";
    public const string AutopayInvalidCode = "AUTOPAY_SETTINGS_INVALID";

    public static DomainError BillNotFound(string id) => new(BillNotFoundCode, $"Bill '{id}' does not exist.");

    public static DomainError AccountNotFound(string id) => new(AccountNotFoundCode, $"Account '{id}' does not exist.");

    public static DomainError PaymentAmountInvalid(string reason) => new(PaymentAmountInvalidCode, $"The payment amount is invalid: {reason}.");

    public static DomainError IdempotencyKeyInvalid() =>
        new(IdempotencyKeyInvalidCode, $"The idempotency key must be 1 to {Data.PaymentRules.MaxIdempotencyKeyLength} characters, not only spaces.");

    public static DomainError IdempotencyKeyReused(string message) => new(IdempotencyKeyReusedCode, message);

    public static DomainError PageSizeInvalid(string argument, int max) => new(PageSizeInvalidCode, $"'{argument}' must be between 1 and {max}.");

    public static DomainError CursorInvalid() => new(CursorInvalidCode, "The cursor is not one this field returned.");

    public static DomainError AutopayInvalid(string reason) => new(AutopayInvalidCode, $"The autopay settings are invalid: {reason}.");
}
