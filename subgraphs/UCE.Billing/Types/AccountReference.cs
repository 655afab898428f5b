namespace UCE.Billing.Types;

/// <summary>An <c>Account</c> representation from the gateway: by <c>id</c> or by <c>number</c>.</summary>
public sealed class AccountReference
{
    public string? Id { get; set; }

    public string? Number { get; set; }
}
