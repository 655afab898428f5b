using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Events.Interactions;

namespace UCE.Customers.Events;

/// <summary>
/// Records what happened in the customers subgraph itself (service requests, contact details, onboarding, logged contacts):
/// the history's row at once, and the event in the outbox for every other reader of the stream. Both carry one event id, so
/// the customers subgraph's own consumer finds the row there and adds nothing.
/// </summary>
public sealed class CustomerInteractions(InteractionOutbox outbox)
{
    /// <summary>Adds the row and the outbox event to <paramref name="db"/> (saved by the caller); returns the row.</summary>
    public Interaction Record(CustomersDbContext db, InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = InteractionRecords.From(interaction, out var problem)
            ?? throw new InvalidOperationException($"Interaction event {interaction.EventId} is not valid: {problem}");
        db.Interactions.Add(row);
        outbox.Add(db, interaction);
        return row;
    }

    /// <inheritdoc cref="InteractionOutbox.Create"/>
    public InteractionEvent Create(
        string type, string customerId, Subgraphs.Hosting.Identity.CallerIdentity caller, string topic, string summary,
        string? subjectType, string? subjectId, DateTime at, string? channel = null) =>
        outbox.Create(type, customerId, caller, topic, summary, subjectType, subjectId, at, channel);
}
