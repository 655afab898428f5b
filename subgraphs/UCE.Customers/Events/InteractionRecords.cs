using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Events.Interactions;

namespace UCE.Customers.Events;

/// <summary>Turns an <see cref="InteractionEvent"/> into the history's row, or says why it cannot be one.</summary>
public static class InteractionRecords
{
    private const int MaxTopic = 100;
    private const int MaxSummary = 1000;
    private const int MaxAgent = 100;

    /// <summary>The row for <paramref name="interaction"/>; null with <paramref name="problem"/> when the event is not valid.</summary>
    public static Interaction? From(InteractionEvent interaction, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        problem = Problem(interaction);
        if (problem is not null || !InteractionChannelNames.TryParse(interaction.Channel, out var channel))
        {
            problem ??= $"Unknown channel '{interaction.Channel}'.";
            return null;
        }

        return new Interaction
        {
            Id = "int-" + interaction.EventId["evt-".Length..],
            EventId = interaction.EventId,
            EventType = interaction.Type,
            Source = Cut(interaction.Source, 32),
            CustomerId = interaction.CustomerId,
            Channel = channel,
            Topic = Cut(interaction.Topic, MaxTopic)!,
            Summary = Cut(interaction.Summary, MaxSummary)!,
            Agent = Cut(interaction.Agent, MaxAgent),
            SubjectType = interaction.SubjectType,
            SubjectId = interaction.SubjectId,
            At = DateTime.SpecifyKind(interaction.OccurredAt.ToUniversalTime(), DateTimeKind.Utc),
        };
    }

    /// <summary>
    /// Adds the row of one of the customers subgraph's own events to <paramref name="db"/> (saved by the caller, with the event
    /// in the outbox): it shows at once, and the consumer finds it recorded when the event comes back from the stream.
    /// </summary>
    public static Interaction AddTo(CustomersDbContext db, InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = From(interaction, out var problem)
            ?? throw new InvalidOperationException($"Interaction event {interaction.EventId} is not valid: {problem}");
        db.Interactions.Add(row);
        return row;
    }

    private static string? Problem(InteractionEvent interaction)
    {
        if (interaction.EventId is not { Length: > 4 and <= 40 } id || !id.StartsWith("evt-", StringComparison.Ordinal))
        {
            return "The event id must be 'evt-' and up to 36 more characters.";
        }

        if (string.IsNullOrWhiteSpace(interaction.CustomerId) || interaction.CustomerId.Length > 32)
        {
            return "The event names no customer.";
        }

        if (string.IsNullOrWhiteSpace(interaction.Type) || interaction.Type.Length > 64)
        {
            return "The event has no type.";
        }

        if (string.IsNullOrWhiteSpace(interaction.Topic) || string.IsNullOrWhiteSpace(interaction.Summary))
        {
            return "The event has no topic or summary.";
        }

        if ((interaction.SubjectType is null) != (interaction.SubjectId is null)
            || interaction.SubjectType is { Length: > 64 } || interaction.SubjectId is { Length: > 64 })
        {
            return "The event's subject needs both a type and an id of at most 64 characters.";
        }

        return interaction.OccurredAt == default ? "The event has no time." : null;
    }

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
