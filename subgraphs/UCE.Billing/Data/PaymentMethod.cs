namespace UCE.Billing.Data;

/// <summary>How a payment was made.</summary>
public enum PaymentMethod
{
    Card,
    Bank,
    Cash,
    Wallet,
}
