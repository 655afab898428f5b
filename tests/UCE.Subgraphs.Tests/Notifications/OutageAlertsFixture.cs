using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Communications.Delivery;
using UCE.Outages;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>
/// The outages subgraph with its grid consumer and the communications subgraph with its consumers and dispatcher, all running
/// as hosted services, connected by the change stream; the providers are <see cref="NotificationReceivers"/>. Communications runs
/// on a fake clock that starts at 23:00 UTC, inside the demo set's quiet hours (22:00–07:00 for every third customer).
/// <see cref="PostgresRedisOutageAlertsFixture"/> runs on PostgreSQL and Redis, <see cref="EmbeddedOutageAlertsFixture"/> on
/// SQLite and one in-process stream, as the embedded default does.
/// </summary>
public abstract class OutageAlertsFixture : IAsyncLifetime
{
    private readonly string gridStream = TestRedis.UniqueName("grid");
    private readonly string changeStream = TestRedis.UniqueName("outage-changes");
    private readonly string usageStream = TestRedis.UniqueName("usage-events");
    private SubgraphTestHost? outages;
    private SubgraphTestHost? communications;
    private NotificationReceivers? receivers;

    public SubgraphTestHost Outages => outages ?? throw new InvalidOperationException("The fixture has not started.");

    public SubgraphTestHost Communications => communications ?? throw new InvalidOperationException("The fixture has not started.");

    public NotificationReceivers Receivers => receivers ?? throw new InvalidOperationException("The fixture has not started.");

    public FakeTimeProvider Clock { get; } = new(NextTime(DateTimeOffset.UtcNow, new TimeOnly(23, 0)));

    public IEventStream Stream => Outages.Services.GetRequiredService<IEventStream>();

    public string ChangeStream => changeStream;

    protected abstract bool UsesRedis { get; }

    public async Task InitializeAsync()
    {
        receivers = await NotificationReceivers.StartAsync();
        var shared = UsesRedis ? null : new InProcessEventStream(TimeProvider.System);
        var redis = UsesRedis ? new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestRedis.Configuration } : [];
        outages = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), await ConnectionStringAsync("alerts_outages"), configuration: new Dictionary<string, string?>(redis, StringComparer.Ordinal)
        {
            ["GridEvents:Stream"] = gridStream,
            ["GridEvents:DeadLetterStream"] = gridStream + ":dead",
            ["GridEvents:ChangesChannel"] = TestRedis.UniqueName("changes"),
            ["GridEvents:ChangeStream"] = changeStream,
            ["GridEvents:Consumer"] = "outages-1",
            ["GridEvents:PollInterval"] = "00:00:00.020",
        }, sharedEventStream: shared);
        var settings = new Dictionary<string, string?>(redis, StringComparer.Ordinal)
        {
            ["Notifications:Events:OutageChangeStream"] = changeStream,
            ["Notifications:Events:UsageEventStream"] = usageStream,
            ["Notifications:Events:Consumer"] = "communications-1",
            ["Notifications:Events:PollInterval"] = "00:00:00.020",
            ["Notifications:Dispatcher:Enabled"] = "true",

            // The dispatcher's poll runs on the fake clock: new notifications wake it, and so does advancing the clock.
            ["Notifications:Dispatcher:PollInterval"] = "00:01:00",
            ["Notifications:TimeZone"] = "UTC",
        };
        foreach (var (key, value) in Receivers.Configuration())
        {
            settings[key] = value;
        }

        communications = await SubgraphTestHost.StartAsync(new CommunicationsSubgraph(), await ConnectionStringAsync("alerts_communications"), clock: Clock, configuration: settings, sharedEventStream: shared);
    }

    public virtual async Task DisposeAsync()
    {
        if (communications is not null)
        {
            await communications.DisposeAsync();
        }

        if (outages is not null)
        {
            await outages.DisposeAsync();
        }

        if (receivers is not null)
        {
            await receivers.DisposeAsync();
        }

        if (UsesRedis)
        {
            await TestRedis.DeleteAsync(gridStream, gridStream + ":dead", changeStream, changeStream + ":communications:dead", usageStream);
        }
    }

    /// <summary>Writes <paramref name="gridEvent"/> to the grid stream, as SCADA would.</summary>
    public Task PublishAsync(GridEvent gridEvent) => Stream.AddAsync(gridStream, GridEventFormat.ToFields(gridEvent));

    /// <summary>The notifications <paramref name="eventId"/> raised, by customer then channel.</summary>
    public async Task<List<Notification>> NotificationsOfAsync(string eventId)
    {
        await using var db = Communications.CreateDbContext<CommunicationsDbContext>();
        return [.. (await db.Notifications.AsNoTracking().Where(n => n.SourceEventId == eventId).ToListAsync())
            .OrderBy(n => n.CustomerId, StringComparer.Ordinal).ThenBy(n => n.Channel)];
    }

    /// <summary>Waits until every notification of <paramref name="eventId"/> matching <paramref name="which"/> is sent and delivered.</summary>
    public Task DeliveredAsync(string eventId, Func<Notification, bool> which, int expected) =>
        Eventually.TrueAsync(async () =>
        {
            var wanted = (await NotificationsOfAsync(eventId)).Where(which).ToList();
            return wanted.Count == expected && wanted.All(n => n.Status == NotificationStatus.Sent && Receivers.Deliveries(n) == 1);
        }, $"{expected} notifications of {eventId} are sent and delivered");

    /// <summary>Moves the communications clock forward to the next <paramref name="time"/> (UTC).</summary>
    public void MoveClockTo(TimeOnly time) => SetClock(NextTime(Clock.GetUtcNow(), time));

    /// <summary>
    /// Sets the communications clock and wakes the dispatcher: one that was between a pass and its wait would otherwise start
    /// its wait on the new time and sleep through what just fell due.
    /// </summary>
    public void SetClock(DateTimeOffset now)
    {
        Clock.SetUtcNow(now);
        Communications.Services.GetRequiredService<DispatchSignal>().Raise();
    }

    /// <summary>The first instant at <paramref name="time"/> UTC after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextTime(DateTimeOffset now, TimeOnly time)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(time), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    protected abstract Task<string?> ConnectionStringAsync(string name);
}

/// <summary>PostgreSQL and Redis, as in production.</summary>
public sealed class PostgresRedisOutageAlertsFixture : OutageAlertsFixture
{
    private readonly List<PostgresDatabase> databases = [];

    protected override bool UsesRedis => true;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    protected override async Task<string?> ConnectionStringAsync(string name)
    {
        var database = await PostgresDatabase.CreateAsync(name);
        databases.Add(database);
        return database.ConnectionString;
    }
}

/// <summary>SQLite and one in-process stream shared by both subgraphs, as in the embedded default.</summary>
public sealed class EmbeddedOutageAlertsFixture : OutageAlertsFixture
{
    protected override bool UsesRedis => false;

    protected override Task<string?> ConnectionStringAsync(string name) => Task.FromResult<string?>(null);
}
