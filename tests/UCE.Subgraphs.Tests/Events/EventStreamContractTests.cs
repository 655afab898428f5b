using Microsoft.Extensions.Logging.Abstractions;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Events;

/// <summary>
/// What every <see cref="IEventStream"/> and <see cref="StreamConsumer"/> promises, run against Redis Streams and the in-process
/// stand-in alike: one delivery per group, pending until acknowledged, claimed over when idle, dead-lettered with a reason.
/// </summary>
public abstract class EventStreamContractTests : IAsyncLifetime
{
    private const string Group = "workers";

    protected EventStreamContractTests()
    {
        StreamName = TestRedis.UniqueName("stream");
        DeadLetters = StreamName + ":dead";
    }

    protected abstract IEventStream Stream { get; }

    protected string StreamName { get; }

    protected string DeadLetters { get; }

    public Task InitializeAsync() => Stream.EnsureGroupAsync(StreamName, Group);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_entry_is_delivered_once_to_the_group_and_stays_pending_until_acknowledged()
    {
        var id = await Stream.AddAsync(StreamName, Fields("n", "1"));

        var first = await Stream.ReadNewAsync(StreamName, Group, "a", 10);
        var second = await Stream.ReadNewAsync(StreamName, Group, "b", 10);

        Assert.Equal([id], first.Select(e => e.Id));
        Assert.Equal("1", first[0].Field("n"));
        Assert.Empty(second);
        Assert.Equal(1, await Stream.PendingCountAsync(StreamName, Group));
        await Stream.AcknowledgeAsync(StreamName, Group, id);
        Assert.Equal(0, await Stream.PendingCountAsync(StreamName, Group));
    }

    [Fact]
    public async Task Entries_added_before_the_group_existed_are_read_by_it()
    {
        var stream = StreamName + ":late";
        await Stream.AddAsync(stream, Fields("n", "early"));
        await Stream.EnsureGroupAsync(stream, Group);
        await Stream.EnsureGroupAsync(stream, Group);

        var read = await Stream.ReadNewAsync(stream, Group, "a", 10);

        Assert.Equal(["early"], read.Select(e => e.Field("n")));
        await CleanUpAsync(stream);
    }

    [Fact]
    public async Task A_restarted_consumer_reads_back_what_it_held_with_its_delivery_count()
    {
        await Stream.AddAsync(StreamName, Fields("n", "1"));
        await Stream.AddAsync(StreamName, Fields("n", "2"));
        await Stream.ReadNewAsync(StreamName, Group, "a", 10);

        var held = await Stream.ReadPendingAsync(StreamName, Group, "a", 10);
        var othersHold = await Stream.ReadPendingAsync(StreamName, Group, "b", 10);

        Assert.Equal(["1", "2"], held.Select(e => e.Field("n")));
        Assert.All(held, entry => Assert.Equal(2, entry.DeliveryCount));
        Assert.Empty(othersHold);
    }

    [Fact]
    public async Task Entries_idle_longer_than_the_claim_time_are_claimed_by_another_consumer()
    {
        var id = await Stream.AddAsync(StreamName, Fields("n", "1"));
        await Stream.ReadNewAsync(StreamName, Group, "dead", 10);

        var tooEarly = await Stream.ClaimIdleAsync(StreamName, Group, "alive", TimeSpan.FromMinutes(5), 10);
        IReadOnlyList<StreamEntry> claimed = [];
        await Eventually.TrueAsync(async () => (claimed = await Stream.ClaimIdleAsync(StreamName, Group, "alive", TimeSpan.FromMilliseconds(50), 10)).Count > 0, "the idle entry is claimed");

        Assert.Empty(tooEarly);
        Assert.Equal([id], claimed.Select(e => e.Id));
        Assert.Equal(2, claimed[0].DeliveryCount);
        Assert.Empty(await Stream.ReadPendingAsync(StreamName, Group, "dead", 10));
        Assert.Single(await Stream.ReadPendingAsync(StreamName, Group, "alive", 10));
    }

    [Fact]
    public async Task Range_lists_entries_oldest_first()
    {
        await Stream.AddAsync(StreamName, Fields("n", "1"));
        await Stream.AddAsync(StreamName, Fields("n", "2"));
        await Stream.AddAsync(StreamName, Fields("n", "3"));

        var entries = await Stream.RangeAsync(StreamName, 2);

        Assert.Equal(["1", "2"], entries.Select(e => e.Field("n")));
    }

    [Fact]
    public async Task A_rejected_entry_is_dead_lettered_with_its_reason_and_the_entries_after_it_are_handled()
    {
        var handled = new List<string>();
        var consumer = Consumer("a", (entry, _) =>
        {
            handled.Add(entry.Field("n")!);
            return Task.FromResult(entry.Field("n") == "bad" ? StreamEntryOutcome.Rejected("n must be a number") : StreamEntryOutcome.Applied);
        });
        await Stream.AddAsync(StreamName, Fields("n", "1"));
        var bad = await Stream.AddAsync(StreamName, Fields("n", "bad"));
        await Stream.AddAsync(StreamName, Fields("n", "3"));

        await consumer.ProcessOnceAsync(CancellationToken.None);

        Assert.Equal(["1", "bad", "3"], handled);
        Assert.Equal(0, await Stream.PendingCountAsync(StreamName, Group));
        var dead = Assert.Single(await Stream.RangeAsync(DeadLetters, 10));
        Assert.Equal("bad", dead.Field("n"));
        Assert.Equal("n must be a number", dead.Field(DeadLetterFields.Reason));
        Assert.Equal(bad, dead.Field(DeadLetterFields.Id));
        Assert.Equal(StreamName, dead.Field(DeadLetterFields.Stream));
        Assert.Equal("a", dead.Field(DeadLetterFields.Consumer));
    }

    [Fact]
    public async Task An_entry_whose_handler_fails_stays_pending_and_is_handled_again_after_the_idle_time()
    {
        var attempts = 0;
        var consumer = Consumer("a", (_, _) =>
            ++attempts == 1 ? throw new InvalidOperationException("database restarting") : Task.FromResult(StreamEntryOutcome.Applied),
            claimIdle: TimeSpan.FromMilliseconds(50));
        await Stream.AddAsync(StreamName, Fields("n", "1"));

        await consumer.ProcessOnceAsync(CancellationToken.None);
        Assert.Equal(1, await Stream.PendingCountAsync(StreamName, Group));
        await Eventually.TrueAsync(async () =>
        {
            await consumer.ProcessOnceAsync(CancellationToken.None);
            return await Stream.PendingCountAsync(StreamName, Group) == 0;
        }, "the failed entry is handled again and acknowledged");

        Assert.Equal(2, attempts);
        Assert.Empty(await Stream.RangeAsync(DeadLetters, 10));
    }

    [Fact]
    public async Task An_entry_that_keeps_failing_is_dead_lettered_after_the_last_delivery()
    {
        var attempts = 0;
        var consumer = Consumer("a", (_, _) =>
        {
            attempts++;
            throw new InvalidOperationException("always");
        }, claimIdle: TimeSpan.FromMilliseconds(20), maxDeliveries: 2);
        await Stream.AddAsync(StreamName, Fields("n", "1"));

        await Eventually.TrueAsync(async () =>
        {
            await consumer.ProcessOnceAsync(CancellationToken.None);
            return (await Stream.RangeAsync(DeadLetters, 10)).Count == 1;
        }, "the entry is dead-lettered");

        Assert.Equal(2, attempts);
        Assert.Equal(0, await Stream.PendingCountAsync(StreamName, Group));
        Assert.Contains("2 deliveries", (await Stream.RangeAsync(DeadLetters, 1))[0].Field(DeadLetterFields.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_to_retry_comes_back_after_the_idle_time_and_is_dead_lettered_with_its_reason_after_the_last_delivery()
    {
        var deliveries = new List<int>();
        var consumer = Consumer("a", (entry, _) =>
        {
            deliveries.Add(entry.DeliveryCount);
            return Task.FromResult(StreamEntryOutcome.Retry("parent not there yet"));
        }, claimIdle: TimeSpan.FromMilliseconds(20), maxDeliveries: 3);
        await Stream.AddAsync(StreamName, Fields("n", "1"));

        await Eventually.TrueAsync(async () =>
        {
            await consumer.ProcessOnceAsync(CancellationToken.None);
            return (await Stream.RangeAsync(DeadLetters, 10)).Count == 1;
        }, "the entry is dead-lettered after its third delivery");

        Assert.Equal([1, 2, 3], deliveries);
        Assert.Equal("parent not there yet", (await Stream.RangeAsync(DeadLetters, 1))[0].Field(DeadLetterFields.Reason));
        Assert.Equal(0, await Stream.PendingCountAsync(StreamName, Group));
    }

    [Fact]
    public async Task Entries_a_dead_consumer_held_are_claimed_and_handled_by_another()
    {
        var handledBy = new List<string>();
        await Stream.AddAsync(StreamName, Fields("n", "1"));
        await Stream.AddAsync(StreamName, Fields("n", "2"));
        await Stream.ReadNewAsync(StreamName, Group, "crashed", 10);
        var survivor = Consumer("survivor", (entry, _) =>
        {
            handledBy.Add(entry.Field("n")!);
            return Task.FromResult(StreamEntryOutcome.Applied);
        }, claimIdle: TimeSpan.FromMilliseconds(50));

        await Eventually.TrueAsync(async () =>
        {
            await survivor.ProcessOnceAsync(CancellationToken.None);
            return await Stream.PendingCountAsync(StreamName, Group) == 0;
        }, "the survivor claims and acknowledges both entries");

        Assert.Equal(["1", "2"], handledBy);
    }

    [Fact]
    public async Task A_running_consumer_handles_entries_as_they_arrive_and_stops_when_cancelled()
    {
        var handled = new List<string>();
        var consumer = Consumer("a", (entry, _) =>
        {
            lock (handled)
            {
                handled.Add(entry.Field("n")!);
            }

            return Task.FromResult(StreamEntryOutcome.Applied);
        });
        using var stop = new CancellationTokenSource();
        var running = consumer.RunAsync(stop.Token);

        await Stream.AddAsync(StreamName, Fields("n", "1"));
        await Stream.AddAsync(StreamName, Fields("n", "2"));
        await Eventually.TrueAsync(() => { lock (handled) { return handled.Count == 2; } }, "both entries are handled");
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.Bound);

        Assert.Equal(["1", "2"], handled);
    }

    [Fact]
    public async Task A_wait_returns_at_once_when_the_group_has_an_entry_it_was_not_given()
    {
        await Stream.AddAsync(StreamName, Fields("n", "1"));

        // Far shorter than the wait's own timeout: it returned because of the entry, not because the time ran out.
        await Stream.WaitForEntriesAsync(StreamName, Group, TimeSpan.FromMinutes(10)).WaitAsync(Eventually.Bound);

        Assert.Single(await Stream.ReadNewAsync(StreamName, Group, "a", 10));
    }

    [Fact]
    public async Task A_wait_returns_when_an_entry_is_added_and_after_its_timeout_when_none_is()
    {
        await Stream.AddAsync(StreamName, Fields("n", "1"));
        Assert.Single(await Stream.ReadNewAsync(StreamName, Group, "a", 10));

        await Stream.WaitForEntriesAsync(StreamName, Group, TimeSpan.FromMilliseconds(50)).WaitAsync(Eventually.Bound);

        var waiting = Stream.WaitForEntriesAsync(StreamName, Group, TimeSpan.FromMinutes(10));
        await Stream.AddAsync(StreamName, Fields("n", "2"));
        await waiting.WaitAsync(Eventually.Bound);
        Assert.Equal(["2"], (await Stream.ReadNewAsync(StreamName, Group, "a", 10)).Select(e => e.Field("n")));
    }

    [Fact]
    public async Task A_consumer_with_a_long_poll_interval_is_woken_by_the_add()
    {
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Consumer("a", (entry, _) =>
        {
            handled.TrySetResult(entry.Field("n")!);
            return Task.FromResult(StreamEntryOutcome.Applied);
        }, pollInterval: TimeSpan.FromMinutes(10));
        using var stop = new CancellationTokenSource();
        var running = consumer.RunAsync(stop.Token);

        await Stream.AddAsync(StreamName, Fields("n", "woken"));

        Assert.Equal("woken", await handled.Task.WaitAsync(Eventually.Bound));
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.Bound);
    }

    protected Task CleanUpAsync(params string[] streams) => this is RedisEventStreamTests ? TestRedis.DeleteAsync(streams) : Task.CompletedTask;

    private StreamConsumer Consumer(string name, Func<StreamEntry, CancellationToken, Task<StreamEntryOutcome>> handler, TimeSpan? claimIdle = null, int maxDeliveries = 5, TimeSpan? pollInterval = null) =>
        new(Stream, new StreamConsumerOptions
        {
            Stream = StreamName,
            Group = Group,
            Consumer = name,
            DeadLetterStream = DeadLetters,
            ClaimIdleTime = claimIdle ?? TimeSpan.FromMinutes(5),
            PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20),
            MaxDeliveries = maxDeliveries,
        }, handler, TimeProvider.System, NullLogger.Instance);

    private static Dictionary<string, string> Fields(string name, string value) => new(StringComparer.Ordinal) { [name] = value };
}

/// <summary>The contract on Redis Streams (<c>UCE_TEST_REDIS</c>, default 127.0.0.1:6379).</summary>
public sealed class RedisEventStreamTests : EventStreamContractTests, IDisposable
{
    private readonly RedisEventStream stream = new(TestRedis.Connection);

    protected override IEventStream Stream => stream;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await CleanUpAsync(StreamName, DeadLetters);
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>The contract on the in-process stand-in of the embedded default.</summary>
public sealed class InProcessEventStreamTests : EventStreamContractTests
{
    protected override IEventStream Stream { get; } = new InProcessEventStream();
}
