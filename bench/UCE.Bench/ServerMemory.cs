using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace UCE.Bench;

/// <summary>
/// A server process's memory: resident set from <c>/proc/&lt;pid&gt;/status</c>, and (a .NET process) its managed heap
/// after a full garbage collection the bench induces over the runtime's diagnostics port (EventPipe: the runtime's
/// <c>GCHeapCollect</c> keyword collects and reports the heap's generation sizes and promoted, that is live, bytes).
/// </summary>
internal static class ServerMemory
{
    /// <summary>Resident bytes (<c>VmRSS</c>) and their anonymous part (<c>RssAnon</c>: heaps and stacks, not mapped files).</summary>
    public static (long Rss, long RssAnon) Resident(int pid)
    {
        long rss = 0, anon = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kilobytes(line) * 1024;
            }
        }

        return (rss, anon);
    }

    /// <summary>
    /// Induces a full collection in <paramref name="pid"/> and returns the managed heap after it: the live bytes (promoted by
    /// that collection) and the heap's size; null when the process has no diagnostics port or no report came within
    /// <paramref name="timeout"/>.
    /// </summary>
    public static ManagedHeap? CollectAndMeasure(int pid, TimeSpan timeout)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
            using var session = client.StartEventPipeSession(
                [new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, keywords)],
                requestRundown: false);
            using var source = new EventPipeEventSource(session.EventStream);
            ManagedHeap? measured = null;
            var inducedGc = -1;
            using var done = new ManualResetEventSlim();
            source.Clr.GCStart += data =>
            {
                if (data.Reason is GCReason.Induced or GCReason.InducedNotForced && data.Depth == 2)
                {
                    inducedGc = data.Count;
                }
            };
            source.Clr.GCHeapStats += data =>
            {
                if (inducedGc < 0 || measured is not null)
                {
                    return;
                }

                measured = new ManagedHeap(
                    LiveBytes: data.TotalPromotedSize0 + data.TotalPromotedSize1 + data.TotalPromotedSize2 + data.TotalPromotedSize3 + data.TotalPromotedSize4,
                    HeapBytes: data.TotalHeapSize,
                    GcHandles: data.GCHandleCount);
                done.Set();
            };
            var processing = Task.Run(() =>
            {
                try
                {
                    source.Process();
                }
                catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // The session ended while the stream was read.
                }
            });
            done.Wait(timeout);
            session.Stop();
            processing.Wait(TimeSpan.FromSeconds(10));
            return measured;
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"subscriptions: no managed heap figure for process {pid}: {exception.Message}");
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>The managed heap after an induced full collection.</summary>
internal sealed record ManagedHeap(long LiveBytes, long HeapBytes, long GcHandles);
