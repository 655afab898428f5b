namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// A durable, append-only stream read by consumer groups: each entry goes to one consumer of a group, stays pending
/// until that consumer acknowledges it, and can be claimed by another consumer once it has been idle too long.
/// Redis Streams in production (<see cref="RedisEventStream"/>), <see cref="InProcessEventStream"/> in the embedded default.
/// </summary>
public interface IEventStream
{
    /// <summary>Appends an entry (<c>XADD</c>) and returns its id.</summary>
    Task<string> AddAsync(string stream, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates <paramref name="group"/> on <paramref name="stream"/> (and the stream) when missing (<c>XGROUP CREATE … 0 MKSTREAM</c>).
    /// A new group starts at the beginning, so entries added before the first consumer started are read too.
    /// </summary>
    Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> entries never delivered to the group, now pending for <paramref name="consumer"/> (<c>XREADGROUP … &gt;</c>).</summary>
    Task<IReadOnlyList<StreamEntry>> ReadNewAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default);

    /// <summary>Entries delivered to <paramref name="consumer"/> and not acknowledged (<c>XREADGROUP … 0</c>): what a restarted consumer still holds.</summary>
    Task<IReadOnlyList<StreamEntry>> ReadPendingAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes over up to <paramref name="count"/> entries pending in the group for at least <paramref name="minIdle"/>, whichever
    /// consumer held them (<c>XAUTOCLAIM</c>); their delivery count goes up by one.
    /// </summary>
    Task<IReadOnlyList<StreamEntry>> ClaimIdleAsync(string stream, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry from the group's pending list (<c>XACK</c>).</summary>
    Task AcknowledgeAsync(string stream, string group, string id, CancellationToken cancellationToken = default);

    /// <summary>How many entries the group has delivered and not had acknowledged (<c>XPENDING</c>).</summary>
    Task<long> PendingCountAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>
    /// How far <paramref name="group"/> is behind <paramref name="stream"/> (<c>XINFO GROUPS</c>: its <c>lag</c> and
    /// <c>pending</c>); null when the stream or the group does not exist (yet).
    /// </summary>
    Task<StreamGroupStatus?> GroupStatusAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>The first <paramref name="count"/> entries of the stream, oldest first (<c>XRANGE</c>); delivery counts are 1.</summary>
    Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns as soon as <paramref name="stream"/> holds an entry never delivered to <paramref name="group"/> (at once when
    /// one is there already), or after <paramref name="timeout"/>. The in-process stream wakes on the add; Redis blocks in
    /// <c>XREAD … BLOCK</c> on a connection of its own, after the id of the last entry the group was given.
    /// </summary>
    Task WaitForEntriesAsync(string stream, string group, TimeSpan timeout, CancellationToken cancellationToken = default);
}
