using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Communications.Types;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Communications;

/// <summary>Renders templates for customers and queues the result; delivery by channel providers reads the queue.</summary>
public sealed class NotificationOutbox(CommunicationsDbContext db, TimeProvider clock)
{
    public async Task<Notification> QueueAsync(SendNotificationInput input, CancellationToken cancellationToken)
    {
        var customerId = input.CustomerId?.Trim() ?? "";
        var templateId = input.TemplateId?.Trim() ?? "";
        if (customerId.Length == 0 || templateId.Length == 0)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "customerId and templateId must not be empty.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in input.Values ?? [])
        {
            if (!values.TryAdd(value.Name, value.Value))
            {
                throw new DomainError(ErrorCodes.BadUserInput, $"Placeholder '{value.Name}' has more than one value.");
            }
        }

        var recipient = await db.Recipients.AsNoTracking()
            .Include(r => r.Preferences)
            .SingleOrDefaultAsync(r => r.CustomerId == customerId, cancellationToken)
            ?? throw new DomainError(CommunicationErrorCodes.CustomerNotFound, $"No customer has id '{customerId}'.");
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken)
            ?? throw new DomainError(CommunicationErrorCodes.TemplateNotFound, $"No message template has id '{templateId}'.");

        if (!recipient.Preferences.Exists(p => p.Channel == template.Channel && p.Topic == template.Topic && p.OptedIn))
        {
            throw new DomainError(
                CommunicationErrorCodes.NotOptedIn,
                $"Customer '{customerId}' is not opted in to {template.Topic.ToString().ToUpperInvariant()} messages by {template.Channel.ToString().ToUpperInvariant()}.");
        }

        if (template.Channel == Channel.Sms && string.IsNullOrEmpty(recipient.Phone))
        {
            throw new DomainError(CommunicationErrorCodes.NoAddressForChannel, $"Customer '{customerId}' has no phone number for SMS.");
        }

        values.TryAdd("firstName", recipient.FirstName);
        string body;
        string? subject;
        try
        {
            subject = template.Subject is null ? null : TemplateRenderer.Render(template.Subject, values);
            body = TemplateRenderer.Render(template.Body, values);
        }
        catch (MissingPlaceholderValuesException missing)
        {
            throw new DomainError(CommunicationErrorCodes.PlaceholderValueMissing, missing.Message);
        }

        var notification = new Notification
        {
            Id = $"ntf-{Guid.CreateVersion7():N}",
            CustomerId = customerId,
            Channel = template.Channel,
            Topic = template.Topic,
            TemplateId = template.Id,
            Subject = subject,
            Body = body,
            QueuedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        return notification;
    }
}
