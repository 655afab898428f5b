using System.Text.Json;
using System.Text.Json.Serialization;

namespace UCE.Subgraphs.Hosting.Events.Interactions;

/// <summary>
/// A customer-facing fact one subgraph tells the interaction history of: what happened (<see cref="Type"/>), to whom, on
/// which channel, by which agent, and the entity it concerns (<see cref="SubjectType"/> and <see cref="SubjectId"/>, a
/// federated entity such as <c>Payment</c> <c>pay-…</c>). Travels as the JSON payload of an outbox row.
/// </summary>
public sealed record InteractionEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Unique per event; the interaction history's key, so a redelivered event is recorded once.</summary>
    public required string EventId { get; init; }

    /// <summary>One of <see cref="InteractionEventTypes"/> (<c>PAYMENT_MADE</c>).</summary>
    public required string Type { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>One of <see cref="InteractionChannels"/> (<c>WEB</c>, <c>PHONE</c> …).</summary>
    public required string Channel { get; init; }

    /// <summary>A short heading (<c>Payment</c>).</summary>
    public required string Topic { get; init; }

    /// <summary>One sentence for the agent desktop.</summary>
    public required string Summary { get; init; }

    /// <summary>The agent who acted; null for self-service and for the system.</summary>
    public string? Agent { get; init; }

    /// <summary>The GraphQL type of the entity it concerns (<c>Payment</c>, <c>Enrollment</c>, <c>Outage</c> …).</summary>
    public string? SubjectType { get; init; }

    /// <summary>That entity's id.</summary>
    public string? SubjectId { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public required DateTime OccurredAt { get; init; }

    /// <summary>The subgraph that published it.</summary>
    public required string Source { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The event in <paramref name="json"/>, or null when it is not one (malformed, or a required member missing).</summary>
    public static InteractionEvent? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<InteractionEvent>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
