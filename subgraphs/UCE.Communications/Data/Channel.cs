namespace UCE.Communications.Data;

/// <summary>How a message reaches a customer.</summary>
public enum Channel
{
    Email,
    Sms,
    Push,
}
