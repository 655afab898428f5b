using System.Globalization;

namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// <see cref="IEventStream"/> in memory, for the embedded default and tests: the semantics of Redis Streams (consumer
/// groups, pending lists, claiming idle entries, delivery counts) within one process, gone when it ends.
/// </summary>
public sealed class InProcessEventStream(TimeProvider clock) : IEventStream
{
    private readonly object gate = new();
    private readonly Dictionary<string, StreamState> streams = new(StringComparer.Ordinal);

    public InProcessEventStream()
        : this(TimeProvider.System)
    {
    }

    public Task<string> AddAsync(string stream, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        TaskCompletionSource added;
        string id;
        lock (gate)
        {
            var state = StateOf(stream);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (now > state.LastMilliseconds)
            {
                state.LastMilliseconds = now;
                state.Sequence = 0;
            }
            else
            {
                state.Sequence++;
            }

            id = string.Create(CultureInfo.InvariantCulture, $"{state.LastMilliseconds}-{state.Sequence}");
            state.Entries.Add(new StreamEntry(id, new Dictionary<string, string>(fields, StringComparer.Ordinal)));
            added = state.Added;
            state.Added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
        return Task.FromResult(id);
    }

    public Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            StateOf(stream).Groups.TryAdd(group, new GroupState());
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StreamEntry>> ReadNewAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var state = StateOf(stream);
            var groupState = GroupOf(state, stream, group);
            var now = clock.GetUtcNow();
            var read = new List<StreamEntry>();
            while (read.Count < count && groupState.NextIndex < state.Entries.Count)
            {
                var index = groupState.NextIndex++;
                groupState.Pending[index] = new Delivery(consumer, now, 1);
                read.Add(state.Entries[index]);
            }

            return Task.FromResult<IReadOnlyList<StreamEntry>>(read);
        }
    }

    public Task<IReadOnlyList<StreamEntry>> ReadPendingAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var state = StateOf(stream);
            var groupState = GroupOf(state, stream, group);
            var mine = groupState.Pending.Where(pending => pending.Value.Consumer == consumer).Take(count).ToList();
            return Task.FromResult<IReadOnlyList<StreamEntry>>(Redeliver(state, groupState, mine, consumer));
        }
    }

    public Task<IReadOnlyList<StreamEntry>> ClaimIdleAsync(string stream, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var state = StateOf(stream);
            var groupState = GroupOf(state, stream, group);
            var now = clock.GetUtcNow();
            var idle = groupState.Pending.Where(pending => now - pending.Value.DeliveredAt >= minIdle).Take(count).ToList();
            return Task.FromResult<IReadOnlyList<StreamEntry>>(Redeliver(state, groupState, idle, consumer));
        }
    }

    public Task AcknowledgeAsync(string stream, string group, string id, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var state = StateOf(stream);
            var groupState = GroupOf(state, stream, group);
            var index = state.Entries.FindIndex(entry => entry.Id == id);
            if (index >= 0)
            {
                groupState.Pending.Remove(index);
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> PendingCountAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult((long)GroupOf(StateOf(stream), stream, group).Pending.Count);
        }
    }

    public Task<StreamGroupStatus?> GroupStatusAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(streams.TryGetValue(stream, out var state) && state.Groups.TryGetValue(group, out var groupState)
                ? new StreamGroupStatus(state.Entries.Count - groupState.NextIndex, groupState.Pending.Count)
                : null);
        }
    }

    public Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, int count, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StreamEntry>>([.. StateOf(stream).Entries.Take(count)]);
        }
    }

    public async Task WaitForEntriesAsync(string stream, string group, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task added;
        lock (gate)
        {
            var state = StateOf(stream);
            if (state.Groups.TryGetValue(group, out var groupState) && groupState.NextIndex < state.Entries.Count)
            {
                return;
            }

            added = state.Added.Task;
        }

        try
        {
            await added.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing was added in time; the caller looks again.
        }
    }

    private List<StreamEntry> Redeliver(StreamState state, GroupState groupState, List<KeyValuePair<int, Delivery>> deliveries, string consumer)
    {
        var now = clock.GetUtcNow();
        var entries = new List<StreamEntry>(deliveries.Count);
        foreach (var (index, delivery) in deliveries)
        {
            var count = delivery.Count + 1;
            groupState.Pending[index] = new Delivery(consumer, now, count);
            entries.Add(state.Entries[index] with { DeliveryCount = count });
        }

        return entries;
    }

    private StreamState StateOf(string stream)
    {
        if (!streams.TryGetValue(stream, out var state))
        {
            state = new StreamState();
            streams.Add(stream, state);
        }

        return state;
    }

    private static GroupState GroupOf(StreamState state, string stream, string group) =>
        state.Groups.TryGetValue(group, out var groupState)
            ? groupState
            : throw new InvalidOperationException($"NOGROUP: stream '{stream}' has no consumer group '{group}'.");

    private sealed class StreamState
    {
        public List<StreamEntry> Entries { get; } = [];

        public Dictionary<string, GroupState> Groups { get; } = new(StringComparer.Ordinal);

        public long LastMilliseconds { get; set; }

        public long Sequence { get; set; }

        public TaskCompletionSource Added { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class GroupState
    {
        public int NextIndex { get; set; }

        /// <summary>Delivered and not acknowledged, by entry index (so in stream order).</summary>
        public SortedDictionary<int, Delivery> Pending { get; } = [];
    }

    private sealed record Delivery(string Consumer, DateTimeOffset DeliveredAt, int Count);
}
