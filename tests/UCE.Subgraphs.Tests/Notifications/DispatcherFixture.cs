using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Communications.Delivery;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>
/// A communications host whose dispatcher the tests drive pass by pass on a fake clock that starts at noon UTC, with every
/// channel's provider on 127.0.0.1 and at most four attempts. <see cref="PostgresDispatcherFixture"/> on PostgreSQL,
/// <see cref="EmbeddedDispatcherFixture"/> on SQLite.
/// </summary>
public abstract class DispatcherFixture : IAsyncLifetime
{
    public const int MaxAttempts = 4;

    private SubgraphTestHost? host;
    private NotificationReceivers? receivers;

    public SubgraphTestHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public NotificationReceivers Receivers => receivers ?? throw new InvalidOperationException("The fixture has not started.");

    public FakeTimeProvider Clock { get; } = new(OutageAlertsFixture.NextTime(DateTimeOffset.UtcNow, new TimeOnly(12, 0)));

    public NotificationDispatcher Dispatcher => Host.Services.GetRequiredService<NotificationDispatcher>();

    public async Task InitializeAsync()
    {
        receivers = await NotificationReceivers.StartAsync();
        var settings = Receivers.Configuration();
        settings["Notifications:Events:ConsumerEnabled"] = "false";
        settings["Notifications:Dispatcher:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Dispatcher:RetryDelay"] = "00:00:05";
        host = await SubgraphTestHost.StartAsync(new CommunicationsSubgraph(), await ConnectionStringAsync(), clock: Clock, configuration: settings);
    }

    public virtual async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (receivers is not null)
        {
            await receivers.DisposeAsync();
        }
    }

    /// <summary>Queues an outage alert for <paramref name="customerId"/> on <paramref name="channel"/>, as an event would.</summary>
    public async Task<Notification> QueueAsync(string customerId, Channel channel, bool urgent = false)
    {
        await using var db = Host.CreateDbContext<CommunicationsDbContext>();
        var notification = new Notification
        {
            Id = $"ntf-test-{Guid.NewGuid():N}",
            CustomerId = customerId,
            Channel = channel,
            Topic = Topic.Outage,
            TemplateId = MessageTemplates.IdOf("outage-restored", channel),
            Subject = channel == Channel.Email ? "Power is back on at your home" : null,
            Body = $"Power is back on ({Guid.NewGuid():N}).",
            QueuedAt = Clock.GetUtcNow().UtcDateTime,
            SourceEventId = $"evt-test-{Guid.NewGuid():N}",
            Urgent = urgent,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification;
    }

    /// <summary>Runs dispatcher passes until one finds nothing due.</summary>
    public async Task DispatchUntilIdleAsync()
    {
        while (await Dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
        }
    }

    public async Task<Notification> ReloadAsync(string id)
    {
        await using var db = Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    public async Task<Recipient> RecipientAsync(string customerId)
    {
        await using var db = Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Recipients.AsNoTracking().SingleAsync(r => r.CustomerId == customerId);
    }

    protected abstract Task<string?> ConnectionStringAsync();
}

/// <summary>On PostgreSQL (claims with <c>FOR UPDATE SKIP LOCKED</c>).</summary>
public sealed class PostgresDispatcherFixture : DispatcherFixture
{
    private PostgresDatabase? database;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    protected override async Task<string?> ConnectionStringAsync()
    {
        database = await PostgresDatabase.CreateAsync("dispatch");
        return database.ConnectionString;
    }
}

/// <summary>On SQLite, as in the embedded default.</summary>
public sealed class EmbeddedDispatcherFixture : DispatcherFixture
{
    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);
}
