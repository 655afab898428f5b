using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Outages;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// An outages host whose grid consumer is off, so that tests drive consumers pass by pass on streams of their own; its
/// change channel is unique to the fixture. <see cref="PostgresRedisGridEventsFixture"/> runs it on PostgreSQL and Redis,
/// <see cref="EmbeddedGridEventsFixture"/> on SQLite and the in-process stream and bus.
/// </summary>
public abstract class GridEventsFixture : IAsyncLifetime
{
    private readonly List<string> streams = [];
    private SubgraphTestHost? host;

    public SubgraphTestHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public string ChangesChannel { get; } = TestRedis.UniqueName("changes");

    /// <summary>The change stream of this fixture's host.</summary>
    public string ChangeStream { get; } = TestRedis.UniqueName("outage-changes");

    public IEventStream Stream => Host.Services.GetRequiredService<IEventStream>();

    public GridEventConsumer Consumer => Host.Services.GetRequiredService<GridEventConsumer>();

    public GridEventApplier Applier => Host.Services.GetRequiredService<GridEventApplier>();

    protected abstract bool UsesRedis { get; }

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GridEvents:ConsumerEnabled"] = "false",
            ["GridEvents:ChangesChannel"] = ChangesChannel,
            ["GridEvents:ChangeStream"] = ChangeStream,
        };
        if (UsesRedis)
        {
            configuration["ConnectionStrings:Redis"] = TestRedis.Configuration;
        }

        host = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), await ConnectionStringAsync(), configuration: configuration);
    }

    public virtual async Task DisposeAsync()
    {
        if (UsesRedis)
        {
            await TestRedis.DeleteAsync([.. streams, .. streams.Select(stream => stream + ":dead"), ChangeStream]);
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>A consumer of <paramref name="stream"/> (dead letters in <c>&lt;stream&gt;:dead</c>) with the host's applier.</summary>
    public StreamConsumer ConsumerOf(string stream, string name = "c1", TimeSpan? claimIdle = null, Func<StreamEntry, CancellationToken, Task<StreamEntryOutcome>>? handler = null)
    {
        var options = new StreamConsumerOptions
        {
            Stream = stream,
            Group = "outages",
            Consumer = name,
            DeadLetterStream = stream + ":dead",
            ClaimIdleTime = claimIdle ?? TimeSpan.FromMinutes(5),
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        return handler is null
            ? Consumer.CreateConsumer(options)
            : new StreamConsumer(Stream, options, handler, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    /// <summary>
    /// Applies <paramref name="gridEvent"/> and waits until this host's change feed has heard of it, so that a subscription
    /// opened next does not receive it.
    /// </summary>
    public async Task ApplyAndDrainAsync(GridEvent gridEvent)
    {
        Assert.Equal(GridEventResultKind.Applied, (await Applier.ApplyAsync(gridEvent, CancellationToken.None)).Kind);
        var feed = Host.Services.GetRequiredService<OutageChangeFeed>();
        await Eventually.TrueAsync(() => feed.LastChange?.EventId == gridEvent.EventId, $"the change feed hears of {gridEvent.EventId}");
    }

    /// <summary>A stream name of the test's own.</summary>
    public string NewStream()
    {
        var stream = TestRedis.UniqueName("grid");
        lock (streams)
        {
            streams.Add(stream);
        }

        return stream;
    }

    public Task<string> AddAsync(string stream, GridEvent gridEvent) => Stream.AddAsync(stream, GridEventFormat.ToFields(gridEvent));

    public OutagesDbContext CreateDbContext() => Host.CreateDbContext<OutagesDbContext>();

    /// <summary>The outage's history, oldest first.</summary>
    public async Task<List<OutageStatus>> HistoryAsync(string outageId)
    {
        await using var db = CreateDbContext();
        return await db.OutageStatusChanges.Where(c => c.OutageId == outageId).OrderBy(c => c.Id).Select(c => c.Status).ToListAsync();
    }

    public async Task<Outage?> OutageAsync(string outageId)
    {
        await using var db = CreateDbContext();
        return await db.Outages.AsNoTracking().Include(o => o.AffectedLocations).SingleOrDefaultAsync(o => o.Id == outageId);
    }

    protected abstract Task<string?> ConnectionStringAsync();
}

/// <summary>PostgreSQL and Redis, as in production.</summary>
public sealed class PostgresRedisGridEventsFixture : GridEventsFixture
{
    private PostgresDatabase? database;

    public PostgresDatabase Database => database ?? throw new InvalidOperationException("The fixture has not started.");

    protected override bool UsesRedis => true;

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
        database = await PostgresDatabase.CreateAsync("grid");
        return database.ConnectionString;
    }
}

/// <summary>SQLite and the in-process stream and bus, as in the embedded default.</summary>
public sealed class EmbeddedGridEventsFixture : GridEventsFixture
{
    protected override bool UsesRedis => false;

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);
}
