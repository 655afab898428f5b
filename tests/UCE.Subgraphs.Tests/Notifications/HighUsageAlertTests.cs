using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Communications.Events;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>
/// High usage from the meter to the customer: readings recorded through <c>recordMeterReadings</c> that make the month's
/// summary cross the threshold raise one event per meter and month on the usage event stream, and communications turns it
/// into one USAGE notification per opted-in channel, however often it is delivered.
/// </summary>
public abstract class HighUsageAlertTests : IAsyncLifetime
{
    private const string Record = """
        mutation($input: RecordMeterReadingsInput!) {
          recordMeterReadings(input: $input) { meterId readThrough recorded highUsage highUsageEventId }
        }
        """;

    private readonly string usageStream = TestRedis.UniqueName("usage-events");
    private readonly List<PostgresDatabase> databases = [];
    private readonly FakeTimeProvider usageClock = new(new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 15, 12, 0, 0, TimeSpan.Zero));
    private SubgraphTestHost? usage;
    private SubgraphTestHost? communications;

    protected abstract bool UsesRedis { get; }

    public async Task InitializeAsync()
    {
        var shared = UsesRedis ? null : new InProcessEventStream(TimeProvider.System);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["UsageEvents:Stream"] = usageStream,
            ["Notifications:Events:UsageEventStream"] = usageStream,
            ["Notifications:Events:OutageChangeStream"] = TestRedis.UniqueName("outage-changes"),
            ["Notifications:Events:ConsumerEnabled"] = "false",
        };
        if (UsesRedis)
        {
            settings["ConnectionStrings:Redis"] = TestRedis.Configuration;
        }

        usage = await SubgraphTestHost.StartAsync(new UsageSubgraph(), await ConnectionStringAsync("alerts_usage"), clock: usageClock, configuration: settings, sharedEventStream: shared);
        communications = await SubgraphTestHost.StartAsync(new CommunicationsSubgraph(), await ConnectionStringAsync("alerts_comms"), configuration: settings, sharedEventStream: shared);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { communications, usage })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }

        if (UsesRedis)
        {
            await TestRedis.DeleteAsync(usageStream, usageStream + ":communications:dead");
        }
    }

    [Fact]
    public async Task A_reading_that_makes_the_month_cross_the_threshold_raises_one_USAGE_notification_and_a_second_reading_in_the_month_none()
    {
        var (meter, dailyKWh) = await MeterBelowThresholdAsync();
        var today = DateOnly.FromDateTime(usageClock.GetUtcNow().UtcDateTime);
        var service = usage!.As(TestCallers.Service(AccessScopes.UsageWrite));

        var crossing = (await service.PostAsync(Record, Input(meter.Id, today, dailyKWh * 40))).EnsureNoErrors();

        var eventId = $"usage-high-{meter.Id}-{today:yyyy-MM}";
        Assert.True(crossing.At("recordMeterReadings", "highUsage").GetBoolean());
        Assert.Equal(eventId, crossing.At("recordMeterReadings", "highUsageEventId").GetString());
        Assert.Equal(IsoUtc.Date(today), crossing.At("recordMeterReadings", "readThrough").GetString());
        var entry = Assert.Single(await EventsOfAsync(meter.Id));

        await ConsumeAsync();

        var expected = await OptedInChannelsAsync(meter.CustomerId);
        Assert.NotEmpty(expected);
        var notifications = await NotificationsOfAsync(eventId);
        Assert.Equal(expected, notifications.Select(n => n.Channel));
        Assert.All(notifications, n => Assert.Equal(meter.CustomerId, n.CustomerId));
        Assert.All(notifications, n => Assert.Equal(Topic.Usage, n.Topic));
        Assert.All(notifications, n => Assert.False(n.Urgent));
        Assert.All(notifications, n => Assert.Contains("% ", n.Body, StringComparison.Ordinal));
        Assert.All(notifications, n => Assert.Contains("last month's", n.Body, StringComparison.Ordinal));

        // The next day, still high: the month has had its event.
        usageClock.Advance(TimeSpan.FromDays(1));
        var again = (await service.PostAsync(Record, Input(meter.Id, today.AddDays(1), dailyKWh * 40))).EnsureNoErrors();

        Assert.True(again.At("recordMeterReadings", "highUsage").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, again.At("recordMeterReadings", "highUsageEventId").ValueKind);
        Assert.Single(await EventsOfAsync(meter.Id));

        // The event delivered again (a replay of the stream) queues nothing more.
        await usage.Services.GetRequiredService<IEventStream>().AddAsync(usageStream, entry.Fields);
        await ConsumeAsync();

        Assert.Equal(expected.Count, (await NotificationsOfAsync(eventId)).Count);
        await using var db = usage.CreateDbContext<UsageDbContext>();
        var alert = await db.HighUsageAlerts.AsNoTracking().SingleAsync(a => a.MeterId == meter.Id);
        Assert.NotNull(alert.StreamedAt);
        Assert.Equal(new DateOnly(today.Year, today.Month, 1), alert.PeriodStart);
    }

    [Fact]
    public async Task Readings_that_keep_the_month_below_the_threshold_raise_nothing()
    {
        var (meter, dailyKWh) = await MeterBelowThresholdAsync(skip: 1);
        var today = DateOnly.FromDateTime(usageClock.GetUtcNow().UtcDateTime);

        var response = (await usage!.As(TestCallers.Service(AccessScopes.UsageWrite)).PostAsync(Record, Input(meter.Id, today, dailyKWh))).EnsureNoErrors();

        Assert.False(response.At("recordMeterReadings", "highUsage").GetBoolean());
        Assert.Empty(await EventsOfAsync(meter.Id));
    }

    private static object Input(string meterId, DateOnly day, double kWh) => new
    {
        input = new { meterId, readings = new[] { new { day = IsoUtc.Date(day), kWh = Math.Round(kWh, 3) } } },
    };

    /// <summary>A meter whose month is not high yet, and its average daily use in kWh; each test takes another one.</summary>
    private async Task<(Meter Meter, double DailyKWh)> MeterBelowThresholdAsync(int skip = 0)
    {
        await using var db = usage!.CreateDbContext<UsageDbContext>();
        var meters = await db.Meters.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        var blocks = (await db.DailyReads.AsNoTracking().ToListAsync()).ToLookup(b => b.MeterId);
        await using var preferences = communications!.CreateDbContext<CommunicationsDbContext>();
        var reachable = (await preferences.Preferences.AsNoTracking().Where(p => p.Topic == Topic.Usage && p.OptedIn).Select(p => p.CustomerId).ToListAsync())
            .ToHashSet(StringComparer.Ordinal);
        var found = meters
            .Select(meter => (Meter: meter, Summary: UsageSummary.Summarize(meter, UsageSummaryPeriod.Month, [.. blocks[meter.Id]])))
            .Where(m => !m.Summary.HighUsage && reachable.Contains(m.Meter.CustomerId))
            .Select(m => (m.Meter, m.Summary.Current.AverageDailyWh / 1000))
            .ToList();
        return found[skip];
    }

    private async Task<List<Channel>> OptedInChannelsAsync(string customerId)
    {
        await using var db = communications!.CreateDbContext<CommunicationsDbContext>();
        return [.. (await db.Preferences.AsNoTracking().Where(p => p.CustomerId == customerId && p.Topic == Topic.Usage && p.OptedIn).ToListAsync())
            .Select(p => p.Channel).Order()];
    }

    private async Task<List<Notification>> NotificationsOfAsync(string eventId)
    {
        await using var db = communications!.CreateDbContext<CommunicationsDbContext>();
        return [.. (await db.Notifications.AsNoTracking().Where(n => n.SourceEventId == eventId).ToListAsync()).OrderBy(n => n.Channel)];
    }

    private async Task<List<StreamEntry>> EventsOfAsync(string meterId) =>
        [.. (await usage!.Services.GetRequiredService<IEventStream>().RangeAsync(usageStream, 1000))
            .Where(entry => entry.Field("event")!.Contains($"\"meterId\":\"{meterId}\"", StringComparison.Ordinal))];

    private async Task ConsumeAsync()
    {
        var consumer = communications!.Services.GetRequiredService<NotificationEventConsumer>().UsageEvents();
        while (await consumer.ProcessOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<string?> ConnectionStringAsync(string name)
    {
        if (!UsesRedis)
        {
            return null;
        }

        var database = await PostgresDatabase.CreateAsync(name);
        databases.Add(database);
        return database.ConnectionString;
    }
}

/// <summary>On PostgreSQL and Redis Streams.</summary>
public sealed class PostgresRedisHighUsageAlertTests : HighUsageAlertTests
{
    protected override bool UsesRedis => true;
}

/// <summary>On SQLite and one in-process stream (the embedded default).</summary>
public sealed class EmbeddedHighUsageAlertTests : HighUsageAlertTests
{
    protected override bool UsesRedis => false;
}
