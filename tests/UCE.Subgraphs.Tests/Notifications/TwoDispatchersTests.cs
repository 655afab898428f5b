using Microsoft.EntityFrameworkCore;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>
/// Two instances of the communications subgraph on one PostgreSQL database, both running their dispatcher against one slow
/// SMS provider: each notification is claimed by one of them and delivered once.
/// </summary>
public sealed class TwoDispatchersTests : IAsyncLifetime
{
    private const int Messages = 120;

    private PostgresDatabase? database;
    private NotificationReceivers? receivers;
    private SubgraphTestHost? first;
    private SubgraphTestHost? second;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("dispatch2");
        receivers = await NotificationReceivers.StartAsync();
        receivers.Sms.Delay = TimeSpan.FromMilliseconds(5);

        // One after the other: the first migrates and seeds, the second finds the data there.
        first = await StartAsync();
        second = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { first, second })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (receivers is not null)
        {
            await receivers.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_send_one_notification_twice()
    {
        var ids = new List<string>();
        await using (var db = first!.CreateDbContext<CommunicationsDbContext>())
        {
            // This test is about two dispatchers sharing the work, at any time of day: its recipients keep no quiet hours
            // (the demo data's fall at night, when the dispatcher would rightly hold these messages back).
            var recipients = await db.Recipients.Where(r => r.Phone != null).OrderBy(r => r.CustomerId).ToListAsync();
            foreach (var recipient in recipients)
            {
                recipient.SetQuietHours(null, null);
            }

            var customers = recipients.Select(r => r.CustomerId).ToList();
            for (var i = 0; i < Messages; i++)
            {
                var notification = new Notification
                {
                    Id = $"ntf-two-{i:D4}",
                    CustomerId = customers[i % customers.Count],
                    Channel = Channel.Sms,
                    Topic = Topic.Outage,
                    TemplateId = "outage-restored-sms",
                    Body = $"Message {i}",
                    QueuedAt = DateTime.UtcNow,
                    SourceEventId = $"evt-two-{i:D4}",
                };
                db.Notifications.Add(notification);
                ids.Add(notification.Id);
            }

            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () =>
        {
            await using var db = first.CreateDbContext<CommunicationsDbContext>();
            return await db.Notifications.CountAsync(n => ids.Contains(n.Id) && n.Status == NotificationStatus.Sent) == Messages;
        }, "both dispatchers send every notification");

        var delivered = receivers!.Sms.Requests.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToList();
        Assert.Equal(Messages, delivered.Count);
        Assert.Equal(Messages, delivered.Distinct().Count());
        await using (var db = first.CreateDbContext<CommunicationsDbContext>())
        {
            Assert.All(await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(), n => Assert.Equal(1, n.Attempts));
        }

        Assert.True(receivers.NothingDeliveredTwice());
    }

    private Task<SubgraphTestHost> StartAsync()
    {
        var settings = receivers!.Configuration();
        settings["Notifications:Events:ConsumerEnabled"] = "false";
        settings["Notifications:Dispatcher:Enabled"] = "true";
        settings["Notifications:Dispatcher:BatchSize"] = "7";
        settings["Notifications:Dispatcher:PollInterval"] = "00:00:00.020";
        return SubgraphTestHost.StartAsync(new CommunicationsSubgraph(), database!.ConnectionString, configuration: settings);
    }
}
