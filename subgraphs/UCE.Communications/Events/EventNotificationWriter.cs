using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UCE.Communications.Data;
using UCE.Communications.Delivery;

namespace UCE.Communications.Events;

/// <summary>
/// Renders an <see cref="EventNotification"/> for each customer on each channel they opted into for its topic and queues the
/// messages in the outbox with insert-or-ignore on the unique (event, customer, channel) index: an event delivered twice, or
/// handled by two consumers at once, queues each message once.
/// </summary>
public sealed class EventNotificationWriter(
    IDbContextFactory<CommunicationsDbContext> contexts,
    DispatchSignal signal,
    TimeProvider clock,
    ILogger<EventNotificationWriter> logger)
{
    private const int CustomersPerQuery = 500;
    private const int RowsPerInsert = 50;

    /// <summary>Queues the messages of <paramref name="request"/>; returns how many were new (0 for a redelivered event).</summary>
    public async Task<int> WriteAsync(EventNotification request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CustomerIds.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var templateIds = Enum.GetValues<Channel>().Select(channel => MessageTemplates.IdOf(request.TemplateKind, channel)).ToList();
        var templates = await db.Templates.AsNoTracking()
            .Where(t => templateIds.Contains(t.Id) && t.Topic == request.Topic)
            .ToDictionaryAsync(t => t.Channel, cancellationToken);
        if (templates.Count == 0)
        {
            throw new InvalidOperationException($"No message template of kind '{request.TemplateKind}' exists for {request.Topic}.");
        }

        var queued = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var chunk in request.CustomerIds.Distinct(StringComparer.Ordinal).Chunk(CustomersPerQuery))
        {
            var recipients = await db.Recipients.AsNoTracking()
                .Include(r => r.Preferences)
                .Where(r => chunk.Contains(r.CustomerId))
                .ToListAsync(cancellationToken);
            var rows = new List<Notification>();
            foreach (var recipient in recipients.OrderBy(r => r.CustomerId, StringComparer.Ordinal))
            {
                var values = new Dictionary<string, string>(request.Values, StringComparer.Ordinal) { ["firstName"] = recipient.FirstName };
                foreach (var (channel, template) in templates.OrderBy(pair => pair.Key))
                {
                    if (recipient.Preferences.Exists(p => p.Channel == channel && p.Topic == request.Topic && p.OptedIn))
                    {
                        rows.Add(Render(request, recipient, template, values, now));
                    }
                }
            }

            foreach (var batch in rows.Chunk(RowsPerInsert))
            {
                queued += await InsertIgnoringDuplicatesAsync(db, batch, cancellationToken);
            }
        }

        if (queued > 0)
        {
            logger.LogInformation("{EventId} queued {Count} {Topic} notifications", request.SourceEventId, queued, request.Topic.ToString().ToUpperInvariant());
            signal.Raise();
        }

        return queued;
    }

    private static Notification Render(EventNotification request, Recipient recipient, MessageTemplate template, Dictionary<string, string> values, DateTime now) => new()
    {
        Id = $"ntf-{Guid.CreateVersion7():N}",
        CustomerId = recipient.CustomerId,
        Channel = template.Channel,
        Topic = template.Topic,
        TemplateId = template.Id,
        Subject = template.Subject is null ? null : TemplateRenderer.Render(template.Subject, values),
        Body = TemplateRenderer.Render(template.Body, values),
        QueuedAt = now,
        SourceEventId = request.SourceEventId,
        Urgent = request.Urgent,
    };

    /// <summary>One multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> (PostgreSQL and SQLite alike); returns the rows inserted.</summary>
    private static Task<int> InsertIgnoringDuplicatesAsync(CommunicationsDbContext db, Notification[] rows, CancellationToken cancellationToken)
    {
        const int columns = 12;
        var sql = new StringBuilder("""
            INSERT INTO notifications ("Id", "CustomerId", "Channel", "Topic", "TemplateId", "Subject", "Body", "Status", "QueuedAt", "SourceEventId", "Urgent", "Attempts") VALUES
            """);
        var parameters = new object[rows.Length * columns];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var at = i * columns;
            sql.Append(i == 0 ? "\n" : ",\n").Append('(');
            for (var c = 0; c < columns; c++)
            {
                // A message without a subject is written as NULL: a typed empty string stands in for an untyped null parameter.
                sql.Append(c == 0 ? "" : ", ").Append(c == 5 ? $"NULLIF({{{at + c}}}, '')" : $"{{{at + c}}}");
            }

            sql.Append(')');
            parameters[at] = row.Id;
            parameters[at + 1] = row.CustomerId;
            parameters[at + 2] = row.Channel.ToString();
            parameters[at + 3] = row.Topic.ToString();
            parameters[at + 4] = row.TemplateId;
            parameters[at + 5] = row.Subject ?? "";
            parameters[at + 6] = row.Body;
            parameters[at + 7] = NotificationStatus.Queued.ToString();
            parameters[at + 8] = row.QueuedAt;
            parameters[at + 9] = row.SourceEventId!;
            parameters[at + 10] = row.Urgent;
            parameters[at + 11] = 0;
        }

        sql.Append("\nON CONFLICT DO NOTHING");
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }

    /// <summary>An instant as customers read it: local time of <paramref name="zone"/> and the zone (<c>Dec 1, 10:00 PM UTC</c>).</summary>
    public static string LocalTime(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var offset = zone.GetUtcOffset(local);
        var label = offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}");
        return local.ToString("MMM d, h:mm tt", CultureInfo.InvariantCulture) + " " + label;
    }
}
