using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Customers.Events;
using UCE.Customers.Types;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Customers.Requests;

/// <summary>Changes a customer's e-mail address, phone number and mailing address, once per idempotency key.</summary>
public sealed class ContactDetails(IDbContextFactory<CustomersDbContext> contexts, IdempotentMutations idempotent, InteractionOutbox interactions, DirectoryOutbox directory)
{
    public async Task<CustomerOutcome> UpdateAsync(UpdateContactDetailsInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var key = IdempotentMutations.ValidKey(input.IdempotencyKey);
        if (input.Email is null && input.Phone is null && input.MailingAddress is null)
        {
            throw CustomerErrors.ContactDetailsEmpty();
        }

        var change = new
        {
            CustomerId = input.CustomerId.Trim(),
            Email = input.Email is null ? null : RequestRules.Email(input.Email),
            Phone = input.Phone is null ? null : RequestRules.Phone(input.Phone),
            Mailing = input.MailingAddress is null ? null : RequestRules.Address(input.MailingAddress, "mailingAddress"),
        };
        var outcome = await idempotent.RunAsync("updateContactDetails", key, change, async (db, now) =>
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == change.CustomerId, cancellationToken)
                ?? throw CustomerErrors.CustomerNotFound(change.CustomerId);
            var changed = new List<string>();
            if (change.Email is not null)
            {
                customer.Email = change.Email;
                changed.Add("e-mail address");
            }

            if (change.Phone is not null)
            {
                customer.Phone = change.Phone;
                changed.Add("phone number");
            }

            if (change.Mailing is not null)
            {
                customer.MailingAddress = change.Mailing;
                changed.Add("mailing address");
            }

            if (change.Email is not null || change.Phone is not null)
            {
                directory.Add(db, DirectoryEventTypes.ContactDetailsChanged, customer.Id, DirectoryRecords.Customer(customer), null, now);
            }

            InteractionRecords.AddTo(db, interactions.Add(
                db, InteractionEventTypes.ContactDetailsUpdated, customer.Id, caller, "Contact details",
                $"Updated the {string.Join(" and ", changed)}.", "Customer", customer.Id, now));
            return customer.Id;
        }, cancellationToken);

        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await read.Customers.AsNoTracking().SingleAsync(c => c.Id == outcome.ResultId, cancellationToken);
        return new CustomerOutcome(updated, null, outcome.Replayed);
    }
}
