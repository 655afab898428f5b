using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Subgraphs.Hosting.Events.Directory;

/// <summary>Adds directory events to a subgraph's outbox, saved with the change they tell of (the caller's transaction).</summary>
public sealed class DirectoryOutbox(DirectoryStreamOptions options)
{
    /// <summary>Adds a new event of <paramref name="type"/> to <paramref name="db"/>'s outbox (not saved yet) and returns it.</summary>
    public DirectoryEvent Add(DbContext db, string type, string customerId, DirectoryCustomer? customer, DirectoryAccount? account, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var directoryEvent = new DirectoryEvent
        {
            EventId = InteractionOutbox.NewEventId(),
            Type = type,
            CustomerId = customerId,
            Customer = customer,
            Account = account,
            OccurredAt = at,
        };
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = directoryEvent.EventId,
            Stream = options.Stream,
            Type = type,
            Payload = directoryEvent.ToJson(),
            CreatedAt = at,
        });
        return directoryEvent;
    }
}
