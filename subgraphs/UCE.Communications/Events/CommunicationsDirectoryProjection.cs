using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;

namespace UCE.Communications.Events;

/// <summary>
/// Keeps a recipient for every customer: a new customer gets one with the default preferences (SMS only with a phone), and a
/// change of name, e-mail or phone reaches the addresses messages go to.
/// </summary>
public sealed class CommunicationsDirectoryProjection(IDbContextFactory<CommunicationsDbContext> contexts, TimeProvider clock) : IDirectoryProjection
{
    public async Task<StreamEntryOutcome> ApplyAsync(DirectoryEvent directoryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directoryEvent);
        if (directoryEvent.Customer is not { } customer)
        {
            return StreamEntryOutcome.Duplicate;
        }

        if (directoryEvent.Type == DirectoryEventTypes.CustomerOnboarded)
        {
            return await DirectoryRows.InsertOnceAsync(
                contexts,
                (db, ct) => db.Recipients.AnyAsync(r => r.CustomerId == directoryEvent.CustomerId, ct),
                (db, _) =>
                {
                    db.Recipients.Add(NewRecipient(directoryEvent.CustomerId, customer, clock.GetUtcNow().UtcDateTime));
                    return Task.CompletedTask;
                },
                cancellationToken);
        }

        if (directoryEvent.Type != DirectoryEventTypes.ContactDetailsChanged)
        {
            return StreamEntryOutcome.Duplicate;
        }

        // The event carries the details as they are after the change: setting them again changes nothing.
        await using var write = await contexts.CreateDbContextAsync(cancellationToken);
        var recipient = await write.Recipients.SingleOrDefaultAsync(r => r.CustomerId == directoryEvent.CustomerId, cancellationToken);
        if (recipient is null)
        {
            write.Recipients.Add(NewRecipient(directoryEvent.CustomerId, customer, clock.GetUtcNow().UtcDateTime));
        }
        else
        {
            recipient.FirstName = FirstName(customer.Name);
            recipient.Email = customer.Email;
            recipient.Phone = customer.Phone;
        }

        return await write.SaveChangesAsync(cancellationToken) > 0 ? StreamEntryOutcome.Applied : StreamEntryOutcome.Duplicate;
    }

    private static Recipient NewRecipient(string customerId, DirectoryCustomer customer, DateTime now)
    {
        var recipient = new Recipient { CustomerId = customerId, FirstName = FirstName(customer.Name), Email = customer.Email, Phone = customer.Phone };
        foreach (var (channel, topic) in ChannelTopics.Supported)
        {
            recipient.Preferences.Add(new CommunicationPreference
            {
                CustomerId = customerId,
                Channel = channel,
                Topic = topic,
                OptedIn = ChannelTopics.OptedInByDefault(topic) && (channel != Channel.Sms || customer.Phone is not null),
                UpdatedAt = now,
            });
        }

        return recipient;
    }

    /// <summary>The name a message greets with: the first word of the customer's name.</summary>
    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : name;
}
