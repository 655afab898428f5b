using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Events.Interactions;

/// <summary>
/// Adds interaction events to a subgraph's outbox, to be saved with the change they tell of (the caller's
/// <c>SaveChanges</c>, in its transaction). One call per fact:
/// <code>interactions.Add(db, InteractionEventTypes.PaymentMade, customerId, caller, "Payment", "Paid $25.00 by card.", "Payment", payment.Id, now);</code>
/// </summary>
public sealed class InteractionOutbox(SubgraphModule module, InteractionStreamOptions options)
{
    /// <summary>Adds <paramref name="interaction"/> to <paramref name="db"/>'s outbox (not saved yet) and returns it.</summary>
    public InteractionEvent Add(DbContext db, InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(interaction);
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = interaction.EventId,
            Stream = options.Stream,
            Type = interaction.Type,
            Payload = interaction.ToJson(),
            CreatedAt = interaction.OccurredAt,
        });
        return interaction;
    }

    /// <summary>
    /// Adds a new event of <paramref name="type"/> for <paramref name="customerId"/>, acted by <paramref name="caller"/> (its
    /// channel and agent, unless <paramref name="channel"/> says otherwise), about <paramref name="subjectType"/> <paramref name="subjectId"/>;
    /// returns it.
    /// </summary>
    public InteractionEvent Add(
        DbContext db,
        string type,
        string customerId,
        CallerIdentity caller,
        string topic,
        string summary,
        string? subjectType,
        string? subjectId,
        DateTime at,
        string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Add(db, new InteractionEvent
        {
            EventId = NewEventId(),
            Type = type,
            CustomerId = customerId,
            Channel = channel ?? InteractionChannels.Of(caller),
            Topic = topic,
            Summary = summary,
            Agent = InteractionChannels.AgentOf(caller),
            SubjectType = subjectType,
            SubjectId = subjectId,
            OccurredAt = at,
            Source = module.Name,
        });
    }

    /// <summary>A new event id, <c>evt-</c> and a time-ordered GUID.</summary>
    public static string NewEventId() => $"evt-{Guid.CreateVersion7():N}";
}
