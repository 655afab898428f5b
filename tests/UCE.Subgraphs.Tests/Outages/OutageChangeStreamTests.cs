using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Outages.TestGridEvents;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// The durable change stream: every applied change is added after its commit with the customers it concerns, the change is
/// kept with the event's idempotency row, and a redelivered event adds the kept change again, so a crash between the
/// commit and the stream loses nothing.
/// </summary>
public abstract class OutageChangeStreamTests(GridEventsFixture fixture)
{
    [Fact]
    public async Task Every_applied_change_is_added_to_the_change_stream_with_the_customers_it_concerns()
    {
        var outageId = NewOutageId();
        var detected = Detected(outageId, QuietFeeder[0], QuietFeeder[1]);
        var added = Locations(outageId, GridEventType.LocationsAdded, QuietFeeder[1], QuietFeeder[2]);
        var removed = Locations(outageId, GridEventType.LocationsRemoved, QuietFeeder[0]);
        var confirmed = Step(outageId, GridEventType.OutageConfirmed);
        foreach (var gridEvent in new[] { detected, added, removed, confirmed })
        {
            Assert.Equal(GridEventResultKind.Applied, (await fixture.Applier.ApplyAsync(gridEvent, CancellationToken.None)).Kind);
        }

        var changes = await ChangesOfAsync(outageId);

        Assert.Equal([detected.EventId, added.EventId, removed.EventId, confirmed.EventId], changes.Select(c => c.EventId));
        Assert.Equal(["cus-000011", "cus-000012"], changes[0].AffectedCustomerIds);
        Assert.Equal(["cus-000011", "cus-000012"], changes[0].AddedCustomerIds);
        Assert.Equal(["cus-000011", "cus-000012", "cus-000013"], changes[1].AffectedCustomerIds);
        Assert.Equal(["cus-000013"], changes[1].AddedCustomerIds);
        Assert.Equal(["cus-000012", "cus-000013"], changes[2].AffectedCustomerIds);
        Assert.Equal(["cus-000011"], changes[2].ReleasedCustomerIds);
        Assert.Empty(changes[2].AddedCustomerIds);
        Assert.Equal(OutageStatus.Confirmed, changes[3].Status);
        Assert.Equal(OutageStatus.Reported, changes[3].PreviousStatus);
        Assert.Empty(changes[3].AddedCustomerIds);
        Assert.Empty(changes[3].ReleasedCustomerIds);
    }

    [Fact]
    public async Task The_change_is_kept_with_the_idempotency_row_of_its_event()
    {
        var outageId = NewOutageId();
        var detected = Detected(outageId);

        await fixture.Applier.ApplyAsync(detected, CancellationToken.None);

        await using var db = fixture.CreateDbContext();
        var row = await db.ProcessedGridEvents.AsNoTracking().SingleAsync(e => e.EventId == detected.EventId);
        var kept = OutageChanged.FromJson(row.Change!)!;
        Assert.Equal(detected.EventId, kept.EventId);
        Assert.Equal([.. QuietFeeder[..3]], kept.AffectedLocationIds);
    }

    [Fact]
    public async Task A_change_the_stream_missed_is_added_when_its_event_comes_back_and_the_event_is_left_pending_until_then()
    {
        var outageId = NewOutageId();
        var detected = Detected(outageId);
        var services = fixture.Host.Services;
        var unreachable = new GridEventApplier(
            services.GetRequiredService<IDbContextFactory<OutagesDbContext>>(),
            services.GetRequiredService<IMessageBus>(),
            new UnreachableStream(),
            services.GetRequiredService<GridEventOptions>(),
            TimeProvider.System,
            NullLogger<GridEventApplier>.Instance);
        var consumerWithoutStream = new GridEventConsumer(fixture.Stream, unreachable, services.GetRequiredService<GridEventOptions>(), TimeProvider.System, NullLogger<GridEventConsumer>.Instance);

        var outcome = await consumerWithoutStream.HandleAsync(new StreamEntry("1-0", GridEventFormat.ToFields(detected)), CancellationToken.None);

        Assert.Equal(StreamEntryOutcomeKind.Retry, outcome.Kind);
        Assert.NotNull(await fixture.OutageAsync(outageId));
        Assert.Empty(await ChangesOfAsync(outageId));

        var redelivered = await fixture.Consumer.HandleAsync(new StreamEntry("1-0", GridEventFormat.ToFields(detected), DeliveryCount: 2), CancellationToken.None);

        Assert.Equal(StreamEntryOutcomeKind.Duplicate, redelivered.Kind);
        var change = Assert.Single(await ChangesOfAsync(outageId));
        Assert.Equal(detected.EventId, change.EventId);
        Assert.Equal([OutageStatus.Reported], await fixture.HistoryAsync(outageId));
    }

    [Fact]
    public async Task A_redelivered_event_adds_the_same_change_again_and_changes_nothing()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        var detected = Detected(outageId);
        await fixture.AddAsync(stream, detected);
        await fixture.AddAsync(stream, detected);

        await fixture.ConsumerOf(stream).ProcessOnceAsync(CancellationToken.None);

        var changes = await ChangesOfAsync(outageId);
        Assert.Equal(2, changes.Count);
        Assert.Equal(changes[0].ToJson(), changes[1].ToJson());
        Assert.Equal([OutageStatus.Reported], await fixture.HistoryAsync(outageId));
    }

    private async Task<List<OutageChanged>> ChangesOfAsync(string outageId) =>
        [.. (await fixture.Stream.RangeAsync(fixture.ChangeStream, 10_000))
            .Select(entry => OutageChanged.FromJson(entry.Field(GridEventApplier.ChangeField)!)!)
            .Where(change => change.OutageId == outageId)];

    /// <summary>A stream whose server cannot be reached.</summary>
    private sealed class UnreachableStream : IEventStream
    {
        public Task<string> AddAsync(string stream, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The stream cannot be reached.");

        public Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StreamEntry>> ReadNewAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StreamEntry>> ReadPendingAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StreamEntry>> ClaimIdleAsync(string stream, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AcknowledgeAsync(string stream, string group, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> PendingCountAsync(string stream, string group, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StreamGroupStatus?> GroupStatusAsync(string stream, string group, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task WaitForEntriesAsync(string stream, string group, TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

/// <summary>On PostgreSQL and Redis Streams.</summary>
public sealed class PostgresRedisOutageChangeStreamTests(PostgresRedisGridEventsFixture fixture)
    : OutageChangeStreamTests(fixture), IClassFixture<PostgresRedisGridEventsFixture>;

/// <summary>On SQLite and the in-process stream (the embedded default).</summary>
public sealed class EmbeddedOutageChangeStreamTests(EmbeddedGridEventsFixture fixture)
    : OutageChangeStreamTests(fixture), IClassFixture<EmbeddedGridEventsFixture>;
