namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>
/// An event waiting in a subgraph's own database to be published: written in the same transaction as the change it
/// tells of, published to <see cref="Stream"/> by the <see cref="OutboxRelay"/>, then marked <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The stream entry field that carries <see cref="EventId"/>.</summary>
    public const string EventIdField = "eventId";

    /// <summary>The stream entry field that carries <see cref="Type"/>.</summary>
    public const string TypeField = "type";

    /// <summary>The stream entry field that carries <see cref="Payload"/>.</summary>
    public const string PayloadField = "payload";

    /// <summary>Increasing, so the relay publishes in the order the rows were written.</summary>
    public long Id { get; set; }

    /// <summary>The event's own id (unique): the key consumers deduplicate by, whatever the stream entry id.</summary>
    public required string EventId { get; set; }

    /// <summary>The stream it is published to (<c>uce:interactions</c>).</summary>
    public required string Stream { get; set; }

    /// <summary>What happened (<c>PAYMENT_MADE</c>).</summary>
    public required string Type { get; set; }

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the relay published it; null while it waits.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>The fields of the stream entry it becomes.</summary>
    public IReadOnlyDictionary<string, string> ToStreamFields() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EventIdField] = EventId,
        [TypeField] = Type,
        [PayloadField] = Payload,
    };
}
