using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Communications.Types;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Communications;

/// <summary>Applies validated preference changes in one transaction.</summary>
public sealed class PreferenceCenter(CommunicationsDbContext db, TimeProvider clock)
{
    public async Task<CustomerReference> UpdateAsync(PreferenceUpdate update, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients
            .Include(r => r.Preferences)
            .SingleOrDefaultAsync(r => r.CustomerId == update.CustomerId, cancellationToken)
            ?? throw new DomainError(CommunicationErrorCodes.CustomerNotFound, $"No customer has id '{update.CustomerId}'.");

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var choice in update.Choices)
        {
            var preference = recipient.Preferences.Find(p => p.Channel == choice.Channel && p.Topic == choice.Topic);
            if (preference is null)
            {
                recipient.Preferences.Add(new CommunicationPreference
                {
                    CustomerId = recipient.CustomerId,
                    Channel = choice.Channel,
                    Topic = choice.Topic,
                    OptedIn = choice.OptedIn,
                    UpdatedAt = now,
                });
            }
            else if (preference.OptedIn != choice.OptedIn)
            {
                preference.OptedIn = choice.OptedIn;
                preference.UpdatedAt = now;
            }
        }

        if (update.ChangesQuietHours)
        {
            recipient.SetQuietHours(update.QuietHours?.Start, update.QuietHours?.End);
        }

        if (update.OutageAlertsInQuietHours is { } outageAlerts)
        {
            recipient.OutageAlertsInQuietHours = outageAlerts;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CustomerReference(recipient.CustomerId);
    }
}
