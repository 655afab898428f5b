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

    /// <summary>The event it was recorded from (unique, so a redelivered event adds nothing); null for history kept before events.</summary>
    public string? EventId { get; set; }

    /// <summary>The event's type (<c>PAYMENT_MADE</c>); null for older history.</summary>
    public string? EventType { get; set; }

    /// <summary>The subgraph that told of it (<c>billing</c>); null for older history.</summary>
    public string? Source { get; set; }

    /// <summary>The GraphQL type of the entity it concerns (<c>Payment</c>).</summary>
    public string? SubjectType { get; set; }

    /// <summary>That entity's id.</summary>
    public string? SubjectId { get; set; }

    /// <summary>How a contact logged by an agent ended.</summary>
    public ContactDisposition? Disposition { get; set; }

    /// <summary>How long a contact logged by an agent took, in seconds.</summary>
    public int? DurationSeconds { get; set; }
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
    Push,
}

/// <summary>How a contact an agent logged ended.</summary>
public enum ContactDisposition
{
    Resolved,
    FollowUp,
    Escalated,
    Transferred,
    Abandoned,
}
