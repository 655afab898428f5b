namespace UCE.Communications.Data;

/// <summary>What a message is about; customers opt in or out per channel and topic.</summary>
public enum Topic
{
    Outage,
    Billing,
    Usage,
    Product,
    Marketing,
}
