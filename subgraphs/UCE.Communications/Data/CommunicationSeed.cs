using System.Globalization;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Communications.Data;

/// <summary>
/// Deterministic recipients, preferences and a year of notifications for a chunk of the demo key space. Every
/// customer has a preference for every supported channel and topic and a handful of notifications, rendered from
/// the standard templates only on channels and topics the customer is opted in to.
/// </summary>
public static class CommunicationSeed
{
    private static readonly string[] Seasons = ["winter", "spring", "summer", "autumn"];

    private static readonly string[] ProductNames = ["A smart thermostat", "Rooftop solar", "A home battery", "A home EV charger"];

    private static readonly IReadOnlyList<MessageTemplate> Templates = [.. MessageTemplates.Create().Where(t => MessageTemplates.DemoHistory.Contains(t.Id))];

    /// <summary>Builds the rows for <paramref name="graph"/>'s customers, with notifications in the year before <see cref="DemoGraph.Now"/>.</summary>
    public static CommunicationSeedRows Build(DemoGraph graph)
    {
        var rows = new CommunicationSeedRows();
        var now = graph.Now;
        foreach (var customer in graph.Customers())
        {
            var random = DemoGraph.RandomFor("communications", customer.Index);
            // The contact person the customers subgraph names, so a notification greets them by the name it serves.
            var firstName = DemoGraph.FirstName(customer.Index);
            var emailName = new string((firstName + DemoGraph.LastName(customer.Index)).ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
            var recipient = new Recipient
            {
                CustomerId = customer.Id,
                FirstName = firstName,
                Email = string.Create(CultureInfo.InvariantCulture, $"{emailName}.{customer.Index}@example.com"),
                Phone = customer.Index % 7 == 0 ? null : $"+1555{random.Next(1_000_000, 10_000_000)}",
            };
            if (customer.Index % 3 == 0)
            {
                recipient.SetQuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0));
            }

            var flipped = ChannelTopics.Supported[random.Next(ChannelTopics.Supported.Count)];
            foreach (var (channel, topic) in ChannelTopics.Supported)
            {
                var optedIn = ChannelTopics.OptedInByDefault(topic) || customer.Index % 4 == 0;
                if ((channel, topic) == flipped && topic != Topic.Outage)
                {
                    optedIn = !optedIn;
                }

                if (channel == Channel.Sms && recipient.Phone is null)
                {
                    optedIn = false;
                }

                recipient.Preferences.Add(new CommunicationPreference
                {
                    CustomerId = customer.Id,
                    Channel = channel,
                    Topic = topic,
                    OptedIn = optedIn,
                    UpdatedAt = now.AddDays(-random.Next(30, 700)),
                });
            }

            rows.Recipients.Add(recipient);
            AddNotifications(rows, recipient, customer.Index, random, now);
        }

        return rows;
    }

    private static void AddNotifications(CommunicationSeedRows rows, Recipient recipient, int index, Random random, DateTime now)
    {
        var allowed = Templates
            .Where(t => recipient.Preferences.Exists(p => p.Channel == t.Channel && p.Topic == t.Topic && p.OptedIn))
            .ToList();
        var count = 4 + random.Next(5);
        for (var n = 1; n <= count; n++)
        {
            var template = allowed[random.Next(allowed.Count)];
            var queuedAt = n == count && index % 5 == 0
                ? now.AddMinutes(-random.Next(1, 30))
                : now.AddDays(-random.Next(1, 365)).AddMinutes(-random.Next(0, 24 * 60));
            var values = Values(recipient, queuedAt, random);
            var notification = new Notification
            {
                Id = $"ntf-{index:D6}-{n:D3}",
                CustomerId = recipient.CustomerId,
                Channel = template.Channel,
                Topic = template.Topic,
                TemplateId = template.Id,
                Subject = template.Subject is null ? null : TemplateRenderer.Render(template.Subject, values),
                Body = TemplateRenderer.Render(template.Body, values),
                QueuedAt = queuedAt,
            };
            if (queuedAt < now.AddHours(-1))
            {
                notification.RecordAttempt(queuedAt.AddSeconds(5));
                if (random.Next(15) == 0)
                {
                    notification.MarkFailed(template.Channel == Channel.Email ? "Mailbox unavailable." : "Recipient unreachable.");
                }
                else
                {
                    notification.MarkSent(queuedAt.AddSeconds(5 + random.Next(300)));
                }
            }

            rows.Notifications.Add(notification);
        }
    }

    private static Dictionary<string, string> Values(Recipient recipient, DateTime at, Random random) => new(StringComparer.Ordinal)
    {
        ["firstName"] = recipient.FirstName,
        ["estimatedRestoration"] = at.AddHours(2 + random.Next(6)).ToString("MMM d, h:mm tt 'UTC'", CultureInfo.InvariantCulture),
        ["amount"] = "$" + (random.Next(4_000, 40_000) / 100m).ToString("N2", CultureInfo.InvariantCulture),
        ["dueDate"] = at.AddDays(21).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture),
        ["percent"] = (20 + random.Next(60)).ToString(CultureInfo.InvariantCulture),
        ["kwh"] = (400 + random.Next(900)).ToString(CultureInfo.InvariantCulture),
        ["productName"] = ProductNames[random.Next(ProductNames.Length)],
        ["season"] = Seasons[(at.Month % 12) / 3],
    };
}

/// <summary>The rows one seed chunk adds.</summary>
public sealed class CommunicationSeedRows
{
    public List<Recipient> Recipients { get; } = [];

    public List<Notification> Notifications { get; } = [];
}
