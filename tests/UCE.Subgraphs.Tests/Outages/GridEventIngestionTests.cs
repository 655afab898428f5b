using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Outages.TestGridEvents;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// Grid events from the stream to the database: applied in one transaction and acknowledged after it, idempotent by
/// event id, taken up again after a consumer dies, dead-lettered with a reason when they cannot be applied.
/// </summary>
public abstract class GridEventIngestionTests(GridEventsFixture fixture)
{
    private const string Group = "outages";

    [Fact]
    public async Task An_outage_goes_from_detected_to_restored_and_every_event_is_acknowledged_after_its_commit()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        var estimate = DateTime.UtcNow.AddHours(3);
        var laterEstimate = DateTime.UtcNow.AddHours(5);
        await fixture.AddAsync(stream, Detected(outageId, QuietFeeder[0], QuietFeeder[1]));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageConfirmed, estimate));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.CrewDispatched));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.RestorationEstimateChanged, laterEstimate));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.RestorationStarted));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageRestored));

        var handled = await fixture.ConsumerOf(stream).ProcessOnceAsync(CancellationToken.None);

        Assert.Equal(6, handled);
        Assert.Equal(0, await fixture.Stream.PendingCountAsync(stream, Group));
        Assert.Empty(await fixture.Stream.RangeAsync(stream + ":dead", 10));
        var outage = (await fixture.OutageAsync(outageId))!;
        Assert.Equal(OutageStatus.Restored, outage.Status);
        Assert.NotNull(outage.RestoredAt);
        Assert.Equal(OutageCause.Weather, outage.Cause);
        Assert.Equal(laterEstimate, outage.EstimatedRestorationAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, outage.AffectedCustomerCount);
        Assert.Equal([OutageStatus.Reported, OutageStatus.Confirmed, OutageStatus.CrewDispatched, OutageStatus.Restoring, OutageStatus.Restored], await fixture.HistoryAsync(outageId));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(6, await db.ProcessedGridEvents.CountAsync(e => e.OutageId == outageId));
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing_twice()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        var confirmed = Step(outageId, GridEventType.OutageConfirmed);
        var added = Locations(outageId, GridEventType.LocationsAdded, QuietFeeder[5]);
        await fixture.AddAsync(stream, Detected(outageId));
        await fixture.AddAsync(stream, confirmed);
        await fixture.AddAsync(stream, added);
        await fixture.AddAsync(stream, confirmed);
        await fixture.AddAsync(stream, added);

        await fixture.ConsumerOf(stream).ProcessOnceAsync(CancellationToken.None);
        var again = await fixture.Applier.ApplyAsync(confirmed, CancellationToken.None);

        Assert.Equal(GridEventResultKind.Duplicate, again.Kind);
        Assert.Equal([OutageStatus.Reported, OutageStatus.Confirmed], await fixture.HistoryAsync(outageId));
        Assert.Equal(4, (await fixture.OutageAsync(outageId))!.AffectedCustomerCount);
        Assert.Empty(await fixture.Stream.RangeAsync(stream + ":dead", 10));
        Assert.Equal(0, await fixture.Stream.PendingCountAsync(stream, Group));
    }

    [Fact]
    public async Task A_consumer_killed_between_read_and_commit_loses_nothing_once_restarted()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        await fixture.Applier.ApplyAsync(Detected(outageId), CancellationToken.None);
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageConfirmed));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.CrewDispatched));
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var kill = new CancellationTokenSource();
        var doomed = fixture.ConsumerOf(stream, "c1", handler: async (_, cancellationToken) =>
        {
            reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return StreamEntryOutcome.Applied;
        });

        var pass = doomed.ProcessOnceAsync(kill.Token);
        await reading.Task.WaitAsync(Eventually.Bound);
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        Assert.Equal(2, await fixture.Stream.PendingCountAsync(stream, Group));
        Assert.Equal([OutageStatus.Reported], await fixture.HistoryAsync(outageId));

        var restarted = await fixture.ConsumerOf(stream, "c1").ProcessOnceAsync(CancellationToken.None);

        Assert.Equal(2, restarted);
        Assert.Equal([OutageStatus.Reported, OutageStatus.Confirmed, OutageStatus.CrewDispatched], await fixture.HistoryAsync(outageId));
        Assert.Equal(0, await fixture.Stream.PendingCountAsync(stream, Group));
    }

    [Fact]
    public async Task A_consumer_killed_after_its_commit_and_before_its_acknowledgement_does_not_apply_the_event_twice()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        await fixture.Applier.ApplyAsync(Detected(outageId), CancellationToken.None);
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageConfirmed));
        var crashing = fixture.ConsumerOf(stream, "c1", handler: async (entry, cancellationToken) =>
        {
            await fixture.Consumer.HandleAsync(entry, cancellationToken);
            throw new InvalidOperationException("process killed before XACK");
        });

        await crashing.ProcessOnceAsync(CancellationToken.None);
        Assert.Equal(1, await fixture.Stream.PendingCountAsync(stream, Group));
        await fixture.ConsumerOf(stream, "c1").ProcessOnceAsync(CancellationToken.None);

        Assert.Equal([OutageStatus.Reported, OutageStatus.Confirmed], await fixture.HistoryAsync(outageId));
        Assert.Equal(0, await fixture.Stream.PendingCountAsync(stream, Group));
        Assert.Empty(await fixture.Stream.RangeAsync(stream + ":dead", 10));
    }

    [Fact]
    public async Task Events_that_cannot_be_applied_are_dead_lettered_with_their_reason_and_later_events_are_still_applied()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        await fixture.Applier.ApplyAsync(Detected(outageId), CancellationToken.None);
        await fixture.Applier.ApplyAsync(Step(outageId, GridEventType.CrewDispatched), CancellationToken.None);
        await fixture.Stream.AddAsync(stream, new Dictionary<string, string> { ["event"] = "{ not json" });
        await fixture.Stream.AddAsync(stream, new Dictionary<string, string> { ["other"] = "x" });
        await fixture.Stream.AddAsync(stream, new Dictionary<string, string> { ["event"] = """{"eventId":"e1","type":"outage.exploded","outageId":"o","occurredAt":"2026-12-01T10:00:00Z"}""" });
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageConfirmed));
        await fixture.AddAsync(stream, Locations(outageId, GridEventType.LocationsAdded, "loc-999999"));
        await fixture.AddAsync(stream, Detected(outageId));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.RestorationStarted));

        await fixture.ConsumerOf(stream).ProcessOnceAsync(CancellationToken.None);

        var reasons = (await fixture.Stream.RangeAsync(stream + ":dead", 20)).Select(e => e.Field(DeadLetterFields.Reason)!).ToList();
        Assert.Equal(6, reasons.Count);
        Assert.Contains("not valid JSON", reasons[0], StringComparison.Ordinal);
        Assert.Contains("no 'event' field", reasons[1], StringComparison.Ordinal);
        Assert.Contains("type 'outage.exploded' is not one of", reasons[2], StringComparison.Ordinal);
        Assert.StartsWith("OUTAGE_STATUS_TRANSITION_INVALID:", reasons[3], StringComparison.Ordinal);
        Assert.Contains("CrewDispatched to Confirmed", reasons[3], StringComparison.Ordinal);
        Assert.StartsWith("SERVICE_LOCATION_NOT_FOUND:", reasons[4], StringComparison.Ordinal);
        Assert.StartsWith("OUTAGE_ALREADY_EXISTS:", reasons[5], StringComparison.Ordinal);
        Assert.Equal([OutageStatus.Reported, OutageStatus.CrewDispatched, OutageStatus.Restoring], await fixture.HistoryAsync(outageId));
        Assert.Equal(0, await fixture.Stream.PendingCountAsync(stream, Group));
    }

    [Fact]
    public async Task An_event_for_an_outage_not_opened_yet_is_retried_and_applied_once_the_outage_exists()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageConfirmed));
        var consumer = fixture.ConsumerOf(stream, claimIdle: TimeSpan.FromMilliseconds(50));

        await consumer.ProcessOnceAsync(CancellationToken.None);
        Assert.Equal(1, await fixture.Stream.PendingCountAsync(stream, Group));
        await fixture.Applier.ApplyAsync(Detected(outageId), CancellationToken.None);
        await Eventually.TrueAsync(async () =>
        {
            await consumer.ProcessOnceAsync(CancellationToken.None);
            return await fixture.Stream.PendingCountAsync(stream, Group) == 0;
        }, "the retried event is applied and acknowledged");

        Assert.Equal([OutageStatus.Reported, OutageStatus.Confirmed], await fixture.HistoryAsync(outageId));
        Assert.Empty(await fixture.Stream.RangeAsync(stream + ":dead", 10));
    }

    [Fact]
    public async Task An_event_for_an_outage_that_never_appears_is_dead_lettered_after_its_last_delivery_and_blocks_nothing()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        await fixture.AddAsync(stream, Step("out-does-not-exist", GridEventType.OutageConfirmed));
        await fixture.AddAsync(stream, Detected(outageId));
        var consumer = fixture.ConsumerOf(stream, claimIdle: TimeSpan.FromMilliseconds(20));

        await consumer.ProcessOnceAsync(CancellationToken.None);
        Assert.Equal([OutageStatus.Reported], await fixture.HistoryAsync(outageId));
        await Eventually.TrueAsync(async () =>
        {
            await consumer.ProcessOnceAsync(CancellationToken.None);
            return await fixture.Stream.PendingCountAsync(stream, Group) == 0;
        }, "the orphan event is dead-lettered");

        var dead = Assert.Single(await fixture.Stream.RangeAsync(stream + ":dead", 10));
        Assert.StartsWith("OUTAGE_NOT_FOUND:", dead.Field(DeadLetterFields.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_a_dead_consumer_held_are_claimed_and_applied_by_another()
    {
        var stream = fixture.NewStream();
        var outageId = NewOutageId();
        await fixture.AddAsync(stream, Detected(outageId));
        await fixture.AddAsync(stream, Step(outageId, GridEventType.OutageConfirmed));
        await fixture.Stream.EnsureGroupAsync(stream, Group);
        Assert.Equal(2, (await fixture.Stream.ReadNewAsync(stream, Group, "dead", 10)).Count);
        var survivor = fixture.ConsumerOf(stream, "survivor", claimIdle: TimeSpan.FromMilliseconds(100));

        await Eventually.TrueAsync(async () =>
        {
            await survivor.ProcessOnceAsync(CancellationToken.None);
            return await fixture.Stream.PendingCountAsync(stream, Group) == 0;
        }, "the survivor claims both events and acknowledges them");

        Assert.Equal([OutageStatus.Reported, OutageStatus.Confirmed], await fixture.HistoryAsync(outageId));
    }

    [Fact]
    public async Task Locations_added_and_removed_change_the_affected_set_but_never_empty_it()
    {
        var outageId = NewOutageId();
        await fixture.Applier.ApplyAsync(Detected(outageId, QuietFeeder[0]), CancellationToken.None);

        var added = await fixture.Applier.ApplyAsync(Locations(outageId, GridEventType.LocationsAdded, QuietFeeder[1], QuietFeeder[2], QuietFeeder[1]), CancellationToken.None);
        var removed = await fixture.Applier.ApplyAsync(Locations(outageId, GridEventType.LocationsRemoved, QuietFeeder[0], QuietFeeder[7]), CancellationToken.None);
        var emptied = await fixture.Applier.ApplyAsync(Locations(outageId, GridEventType.LocationsRemoved, QuietFeeder[1], QuietFeeder[2]), CancellationToken.None);

        Assert.Equal([QuietFeeder[0], QuietFeeder[1], QuietFeeder[2]], added.Change!.AffectedLocationIds);
        Assert.Equal([QuietFeeder[0]], removed.Change!.RemovedLocationIds);
        Assert.Equal(GridEventResultKind.Rejected, emptied.Kind);
        var outage = (await fixture.OutageAsync(outageId))!;
        Assert.Equal(2, outage.AffectedCustomerCount);
        Assert.Equal([QuietFeeder[1], QuietFeeder[2]], outage.AffectedLocations.Select(l => l.LocationId).Order(StringComparer.Ordinal));
    }
}

/// <summary>On PostgreSQL and Redis Streams.</summary>
public sealed class PostgresRedisGridEventIngestionTests(PostgresRedisGridEventsFixture fixture)
    : GridEventIngestionTests(fixture), IClassFixture<PostgresRedisGridEventsFixture>;

/// <summary>On SQLite and the in-process stream (the embedded default).</summary>
public sealed class EmbeddedGridEventIngestionTests(EmbeddedGridEventsFixture fixture)
    : GridEventIngestionTests(fixture), IClassFixture<EmbeddedGridEventsFixture>;
