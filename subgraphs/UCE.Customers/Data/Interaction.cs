namespace UCE.Customers.Data;

/// <summary>One contact with the customer on any channel: the consolidated contact history.</summary>
public sealed class Interaction
{
    public required string Id { get; set; }

    public required string CustomerId { get; set; }

    public InteractionChannel Channel { get; set; }

    public required string Topic { get; set; }

    public required string Summary { get; set; }

    /// <summary>The agent who handled it; null for self-service channels.</summary>
    public string? Agent { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime At { get; set; }
}

/// <summary>The channel of an interaction.</summary>
public enum InteractionChannel
{
    Phone,
    Email,
    Chat,
    Web,
    Sms,
    FieldVisit,
}
