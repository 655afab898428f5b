using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Communications.Delivery;

/// <summary>
/// Drains the outbox. A pass claims due notifications (queued, or deferred or waiting for a retry whose time has come) with a
/// token and a lease — on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent dispatchers take disjoint rows; on
/// SQLite with the same single <c>UPDATE</c>, which SQLite runs alone — and then, one by one: holds an SMS or push message
/// due inside the recipient's quiet hours (unless it is urgent and the recipient lets urgent alerts through), fails a message
/// without an address, and otherwise hands it to its channel's provider: sent, queued again after an exponential backoff
/// when the failure may pass, failed with the reason when it will not or after the last attempt.
/// </summary>
public sealed class NotificationDispatcher(
    IDbContextFactory<CommunicationsDbContext> contexts,
    ChannelSenders senders,
    InteractionOutbox interactions,
    NotificationOptions options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    private readonly TimeZoneInfo zone = options.ResolveTimeZone();

    private readonly TimeSpan longestSend = LongestSend(options);

    private DispatcherOptions Settings => options.Dispatcher;

    /// <summary>One pass: claims up to a batch of due notifications and delivers, defers or fails each. Returns how many it took.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await ClaimAsync(db, token, now, cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        var batch = await db.Notifications.Where(n => n.ClaimToken == token).ToListAsync(cancellationToken);
        var customerIds = batch.Select(n => n.CustomerId).Distinct().ToList();
        var recipients = await db.Recipients.AsNoTracking()
            .Where(r => customerIds.Contains(r.CustomerId))
            .ToDictionaryAsync(r => r.CustomerId, StringComparer.Ordinal, cancellationToken);

        // A send may take up to a provider's timeout: past this point the lease could run out during one, and another pass
        // could send the same message, so the pass gives back what it has not started.
        var lastStart = now.Add(Settings.ClaimTimeout) - longestSend;
        foreach (var notification in batch.OrderBy(n => n.QueuedAt).ThenBy(n => n.Id, StringComparer.Ordinal))
        {
            if (clock.GetUtcNow().UtcDateTime > lastStart)
            {
                notification.ReleaseClaim();
            }
            else
            {
                await DeliverAsync(notification, recipients.GetValueOrDefault(notification.CustomerId), cancellationToken);
                if (notification.Status == NotificationStatus.Sent)
                {
                    AddSentInteraction(db, notification);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The lease ran out and another pass took the notification over; its outcome is that pass's to write.
                logger.LogWarning("Notification {NotificationId} was taken over by another dispatcher pass before its outcome was written", notification.Id);
                db.Entry(notification).State = EntityState.Detached;
                foreach (var unsaved in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
                {
                    unsaved.State = EntityState.Detached;
                }
            }
        }

        return batch.Count;
    }

    /// <summary>Tells the interaction history of a sent message, saved with its outcome.</summary>
    private void AddSentInteraction(CommunicationsDbContext db, Notification notification)
    {
        var channel = notification.Channel switch
        {
            Channel.Email => InteractionChannels.Email,
            Channel.Sms => InteractionChannels.Sms,
            _ => InteractionChannels.Push,
        };
        var text = notification.Subject ?? notification.Body;
        interactions.Add(
            db, InteractionEventTypes.NotificationSent, notification.CustomerId, CallerIdentity.Anonymous,
            $"{notification.Topic} notification", text.Length > 200 ? text[..200] : text, "Notification", notification.Id,
            notification.SentAt ?? clock.GetUtcNow().UtcDateTime, channel);
    }

    /// <summary>The longest a provider may take; a lease must outlast two of them, or a pass could start no send at all.</summary>
    private static TimeSpan LongestSend(NotificationOptions options)
    {
        var longest = new[] { options.Smtp.Timeout, options.Sms.Timeout, options.Push.Timeout }.Max();
        return options.Dispatcher.ClaimTimeout > 2 * longest
            ? longest
            : throw new InvalidOperationException("Notifications:Dispatcher:ClaimTimeout must be more than twice the longest provider timeout.");
    }

    private async Task<int> ClaimAsync(CommunicationsDbContext db, string token, DateTime now, CancellationToken cancellationToken)
    {
        // Deferred rows always carry NextAttemptAt; queued rows carry it while they wait for a retry.
        var locking = db.Database.IsNpgsql() ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE notifications SET "ClaimToken" = {0}, "ClaimedUntil" = {1}
            WHERE "Id" IN (
                SELECT "Id" FROM notifications
                WHERE "Status" IN ('{{NotificationStatus.Queued}}', '{{NotificationStatus.Deferred}}')
                  AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {2})
                  AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {2})
                ORDER BY "QueuedAt", "Id"
                LIMIT {3}{{locking}})
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [token, now.Add(Settings.ClaimTimeout), now, Settings.BatchSize], cancellationToken);
    }

    private async Task DeliverAsync(Notification notification, Recipient? recipient, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (recipient is null)
        {
            notification.MarkFailed("The customer is no longer a recipient.");
            return;
        }

        if (HeldUntil(notification, recipient, now) is { } until)
        {
            notification.Defer(until);
            logger.LogInformation("Notification {NotificationId} waits for the end of quiet hours at {Until:O}", notification.Id, until);
            return;
        }

        var address = notification.Channel switch
        {
            Channel.Email => recipient.Email,
            Channel.Sms => recipient.Phone,
            _ => recipient.CustomerId,
        };
        if (string.IsNullOrWhiteSpace(address))
        {
            notification.MarkFailed(notification.Channel == Channel.Sms ? "No phone number for SMS." : "No e-mail address.");
            return;
        }

        var sender = senders.For(notification.Channel);
        notification.RecordAttempt(now);
        var result = await sender.SendAsync(
            new OutgoingMessage(notification.Id, notification.Channel, notification.Topic, notification.CustomerId, recipient.FirstName, address, notification.Subject, notification.Body),
            cancellationToken);
        var done = clock.GetUtcNow().UtcDateTime;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                notification.MarkSent(done);
                break;
            case DeliveryOutcome.Permanent:
                logger.LogWarning("Notification {NotificationId} failed: {Reason}", notification.Id, result.Reason);
                notification.MarkFailed(Bounded(result.Reason));
                break;
            case DeliveryOutcome.Transient when notification.Attempts >= Settings.MaxAttempts:
                logger.LogWarning("Notification {NotificationId} failed after {Attempts} attempts: {Reason}", notification.Id, notification.Attempts, result.Reason);
                notification.MarkFailed(Bounded($"Gave up after {notification.Attempts} attempts: {result.Reason}"));
                break;
            default:
                var retryAt = done.Add(Settings.RetryDelayAfter(notification.Attempts));
                logger.LogInformation("Notification {NotificationId} attempt {Attempt} failed ({Reason}); next attempt at {RetryAt:O}", notification.Id, notification.Attempts, result.Reason, retryAt);
                notification.RetryAt(retryAt, Bounded(result.Reason));
                break;
        }
    }

    /// <summary>SMS and push wait out the recipient's quiet hours, except urgent alerts for recipients who let them through; e-mail never waits.</summary>
    private DateTime? HeldUntil(Notification notification, Recipient recipient, DateTime now)
    {
        if (notification.Channel == Channel.Email
            || recipient is not { QuietHoursStart: { } start, QuietHoursEnd: { } end }
            || (notification.Urgent && recipient.OutageAlertsInQuietHours))
        {
            return null;
        }

        return new QuietHoursWindow(start, end, zone).HeldUntil(now);
    }

    private static string Bounded(string? reason)
    {
        const int max = 512;
        reason ??= "Refused without a reason.";
        return reason.Length > max ? reason[..max] : reason;
    }
}
