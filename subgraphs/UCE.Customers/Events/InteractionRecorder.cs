using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;

namespace UCE.Customers.Events;

/// <summary>
/// Writes interaction events into the history exactly once: the event id is unique in the history, so an event delivered
/// twice, or handled by two consumers at once, adds one row. Events that cannot be rows are rejected with the reason.
/// </summary>
public sealed class InteractionRecorder(IDbContextFactory<CustomersDbContext> contexts)
{
    public async Task<StreamEntryOutcome> RecordAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (InteractionEvent.Read(entry.Field(OutboxMessage.PayloadField)) is not { } interaction)
        {
            return StreamEntryOutcome.Rejected($"The entry has no interaction event in its '{OutboxMessage.PayloadField}' field.");
        }

        if (entry.Field(OutboxMessage.EventIdField) is { } eventId && eventId != interaction.EventId)
        {
            return StreamEntryOutcome.Rejected($"The entry's event id '{eventId}' is not its payload's '{interaction.EventId}'.");
        }

        if (InteractionRecords.From(interaction, out var problem) is not { } row)
        {
            return StreamEntryOutcome.Rejected(problem ?? "Not a valid interaction event.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Interactions.AnyAsync(i => i.EventId == row.EventId, cancellationToken))
        {
            return StreamEntryOutcome.Duplicate;
        }

        if (!await db.Customers.AnyAsync(c => c.Id == row.CustomerId, cancellationToken))
        {
            return StreamEntryOutcome.Rejected($"No customer has id '{row.CustomerId}'.");
        }

        db.Interactions.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StreamEntryOutcome.Applied;
        }
        catch (DbUpdateException)
        {
            // Another consumer recorded the same event between the check and the insert: the unique index kept one.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (await check.Interactions.AnyAsync(i => i.EventId == row.EventId, cancellationToken))
            {
                return StreamEntryOutcome.Duplicate;
            }

            throw;
        }
    }
}
