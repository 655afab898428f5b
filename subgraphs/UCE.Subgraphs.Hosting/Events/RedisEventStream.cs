using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// <see cref="IEventStream"/> on Redis Streams (Redis 6.2 or later, for <c>XAUTOCLAIM</c>). Every command goes over the host's
/// one multiplexed connection except the blocking wait for new entries, which holds a connection of its own per stream
/// (opened on the first wait): a blocked <c>XREAD</c> would hold up every other command behind it.
/// </summary>
public sealed class RedisEventStream(IConnectionMultiplexer redis) : IEventStream, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IConnectionMultiplexer?>>> waiting = new(StringComparer.Ordinal);
    private int disposed;

    private IDatabase Database => redis.GetDatabase();

    public async Task<string> AddAsync(string stream, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var entries = fields.Select(field => new NameValueEntry(field.Key, field.Value)).ToArray();
        var id = await Database.StreamAddAsync(stream, entries).ConfigureAwait(false);
        return id.ToString();
    }

    public async Task EnsureGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        try
        {
            await Database.StreamCreateConsumerGroupAsync(stream, group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException error) when (error.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another consumer created it first.
        }
    }

    public async Task<IReadOnlyList<StreamEntry>> ReadNewAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default)
    {
        var entries = await Database.StreamReadGroupAsync(stream, group, consumer, StreamPosition.NewMessages, count).ConfigureAwait(false);
        return [.. entries.Select(entry => ToEntry(entry, 1))];
    }

    public async Task<IReadOnlyList<StreamEntry>> ReadPendingAsync(string stream, string group, string consumer, int count, CancellationToken cancellationToken = default)
    {
        var entries = await Database.StreamReadGroupAsync(stream, group, consumer, StreamPosition.Beginning, count).ConfigureAwait(false);
        return await WithDeliveryCountsAsync(stream, group, entries).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StreamEntry>> ClaimIdleAsync(string stream, string group, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken = default)
    {
        var claimed = await Database.StreamAutoClaimAsync(stream, group, consumer, (long)minIdle.TotalMilliseconds, "0-0", count).ConfigureAwait(false);
        return await WithDeliveryCountsAsync(stream, group, claimed.ClaimedEntries).ConfigureAwait(false);
    }

    public async Task AcknowledgeAsync(string stream, string group, string id, CancellationToken cancellationToken = default) =>
        await Database.StreamAcknowledgeAsync(stream, group, id).ConfigureAwait(false);

    public async Task<long> PendingCountAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        var pending = await Database.StreamPendingAsync(stream, group).ConfigureAwait(false);
        return pending.PendingMessageCount;
    }

    public async Task<StreamGroupStatus?> GroupStatusAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        StackExchange.Redis.StreamGroupInfo[] groups;
        try
        {
            groups = await Database.StreamGroupInfoAsync(stream).ConfigureAwait(false);
        }
        catch (RedisServerException error) when (error.Message.StartsWith("ERR no such key", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var info in groups)
        {
            if (info.Name == group)
            {
                return new StreamGroupStatus(info.Lag, info.PendingMessageCount);
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, int count, CancellationToken cancellationToken = default)
    {
        var entries = await Database.StreamRangeAsync(stream, "-", "+", count).ConfigureAwait(false);
        return [.. entries.Select(entry => ToEntry(entry, 1))];
    }

    public async Task WaitForEntriesAsync(string stream, string group, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // The id of the last entry the group was given: XREAD after it returns at once when the group has an entry to read,
        // however recently it was added, and otherwise blocks until one is added.
        string? after = null;
        try
        {
            var groups = await Database.StreamGroupInfoAsync(stream).ConfigureAwait(false);
            after = groups.FirstOrDefault(info => info.Name == group).LastDeliveredId;
        }
        catch (RedisServerException)
        {
            // No such stream (yet): wait the timeout out.
        }

        var connection = after is null ? null : await WaitingConnectionAsync(stream).ConfigureAwait(false);
        if (connection is null)
        {
            await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
            return;
        }

        var block = Math.Max(1, (long)timeout.TotalMilliseconds);
        var read = connection.GetDatabase().ExecuteAsync("XREAD", "COUNT", "1", "BLOCK", block.ToString(CultureInfo.InvariantCulture), "STREAMS", stream, after!);
        try
        {
            // The server ends the block after the timeout; the margin covers the round trip.
            await read.WaitAsync(timeout + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException)
        {
            // Nothing came in time, or the waiting connection failed: the caller reads again either way.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        foreach (var connection in waiting.Values)
        {
            if (connection.IsValueCreated && connection.Value.IsCompletedSuccessfully)
            {
                connection.Value.Result?.Dispose();
            }
        }
    }

    /// <summary>The stream's own connection for blocking reads, or null when it cannot be opened (the wait is then a pause).</summary>
    private Task<IConnectionMultiplexer?> WaitingConnectionAsync(string stream) =>
        Volatile.Read(ref disposed) != 0
            ? Task.FromResult<IConnectionMultiplexer?>(null)
            : waiting.GetOrAdd(stream, _ => new Lazy<Task<IConnectionMultiplexer?>>(OpenWaitingConnectionAsync)).Value;

    private async Task<IConnectionMultiplexer?> OpenWaitingConnectionAsync()
    {
        try
        {
            var options = ConfigurationOptions.Parse(redis.Configuration);
            options.AbortOnConnectFail = false;
            options.ClientName = "uce-stream-wait";
            return await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            return null;
        }
    }

    // XREADGROUP and XAUTOCLAIM do not say how often an entry was delivered; XPENDING over the same id range does.
    private async Task<IReadOnlyList<StreamEntry>> WithDeliveryCountsAsync(string stream, string group, global::StackExchange.Redis.StreamEntry[] entries)
    {
        var present = entries.Where(entry => !entry.IsNull).ToArray();
        if (present.Length == 0)
        {
            return [];
        }

        var pending = await Database.StreamPendingMessagesAsync(stream, group, present.Length, RedisValue.Null, present[0].Id, present[^1].Id).ConfigureAwait(false);
        var counts = pending.ToDictionary(message => message.MessageId.ToString(), message => message.DeliveryCount, StringComparer.Ordinal);
        return [.. present.Select(entry => ToEntry(entry, counts.GetValueOrDefault(entry.Id.ToString(), 1)))];
    }

    private static StreamEntry ToEntry(global::StackExchange.Redis.StreamEntry entry, int deliveryCount)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in entry.Values)
        {
            fields[value.Name.ToString()] = value.Value.ToString();
        }

        return new StreamEntry(entry.Id.ToString(), fields, deliveryCount);
    }
}
