using System.Collections.Concurrent;
using System.Diagnostics;

namespace UCE.Bench;

/// <summary>
/// What the subscription bench wrote and what its subscribers received, on one <see cref="Stopwatch"/> clock: each grid
/// event's write time and expected deliveries, the time the outages subgraph published its change (heard on the change
/// channel), and every receipt, matched to its event by outage id and status.
/// </summary>
internal sealed class DeliveryLog
{
    private readonly ConcurrentDictionary<string, WrittenEvent> events = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(WrittenEvent Event, long At)> receipts = new();
    private int unmatched;
    private int serverClosed;
    private int subscriptionsEnded;
    private string? firstEnd;

    /// <summary>Set before the bench closes its sockets, so that closes are not counted as failures.</summary>
    public bool Closing { get; set; }

    public int Unmatched => Volatile.Read(ref unmatched);

    public int ServerClosedCount => Volatile.Read(ref serverClosed);

    public int SubscriptionsEnded => Volatile.Read(ref subscriptionsEnded);

    public string? FirstEnd => Volatile.Read(ref firstEnd);

    public IReadOnlyCollection<WrittenEvent> Events => [.. events.Values.OrderBy(e => e.Index)];

    public int ReceiptCount => receipts.Count;

    public static string Key(string outageId, string status) => outageId + "/" + status;

    /// <summary>Registers an event about to be written; call before the write so that no receipt can precede it.</summary>
    public WrittenEvent Expect(int index, string outageId, string status, string area, int expected)
    {
        var written = new WrittenEvent(index, outageId, status, area, expected);
        if (!events.TryAdd(Key(outageId, status), written))
        {
            throw new InvalidOperationException($"Two events deliver {outageId} as {status}: receipts could not be told apart.");
        }

        return written;
    }

    /// <summary>The outages subgraph published the change of <paramref name="outageId"/> to <paramref name="status"/>.</summary>
    public void Published(string outageId, string status, long at)
    {
        if (events.TryGetValue(Key(outageId, status), out var written))
        {
            Interlocked.CompareExchange(ref written.PublishedAt, at, 0);
        }
    }

    public void Receive((string? OutageId, string? Status) delivered, long at)
    {
        if (delivered.OutageId is { } outageId && delivered.Status is { } status && events.TryGetValue(Key(outageId, status), out var written))
        {
            Interlocked.Increment(ref written.Received);
            receipts.Enqueue((written, at));
            return;
        }

        Interlocked.Increment(ref unmatched);
    }

    public void ServerClosed() => Interlocked.Increment(ref serverClosed);

    public void SubscriptionEnded(string message)
    {
        Interlocked.Increment(ref subscriptionsEnded);
        Interlocked.CompareExchange(ref firstEnd, message.Length > 300 ? message[..300] : message, null);
    }

    /// <summary>Write-to-receipt latencies (ms), optionally of one event only.</summary>
    public double[] WriteToReceiptMs(WrittenEvent? only = null) =>
        [.. receipts.Where(r => only is null || ReferenceEquals(r.Event, only)).Select(r => Stopwatch.GetElapsedTime(r.Event.WrittenAt, r.At).TotalMilliseconds)];

    /// <summary>Publish-to-receipt latencies (ms): the fan-out alone, for events whose publication was heard.</summary>
    public double[] PublishToReceiptMs() =>
        [.. receipts.Where(r => r.Event.PublishedAt != 0).Select(r => Stopwatch.GetElapsedTime(r.Event.PublishedAt, r.At).TotalMilliseconds)];

    /// <summary>Receipt times (Stopwatch ticks), for the delivery rate.</summary>
    public long[] ReceiptTimes() => [.. receipts.Select(r => r.At)];
}

/// <summary>One grid event the bench wrote, and how its deliveries went.</summary>
internal sealed class WrittenEvent(int index, string outageId, string status, string area, int expected)
{
    public int Index { get; } = index;

    public string OutageId { get; } = outageId;

    public string Status { get; } = status;

    public string Area { get; } = area;

    /// <summary>Subscriptions of the event's area: each should receive it once.</summary>
    public int Expected { get; } = expected;

    /// <summary>Stopwatch ticks just before the stream write.</summary>
    public long WrittenAt;

    /// <summary>Stopwatch ticks when the change was heard on the change channel; 0 when it was not.</summary>
    public long PublishedAt;

    public int Received;
}
