using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace UCE.Bench;

/// <summary>
/// Where a .NET server spends its CPU while something runs: the runtime's sample profiler over the diagnostics port
/// (EventPipe, a stack of every managed thread each millisecond), reduced to the samples of threads that were running
/// (not waiting) and counted per method, inclusive (the method is on the stack) and exclusive (it is the top frame).
/// </summary>
public static class CpuProfile
{
    // Top frames of a thread that is waiting, not running: its samples are not CPU.
    private static readonly string[] WaitingFrames =
    [
        "WaitForSocketEvents", "LowLevelLifoSemaphore", "WaitHandle", "Monitor.Wait", "Thread.Sleep", "WaitOne", "SpinWait",
        "LowLevelMonitor", "ManualResetEventSlim.Wait", "WaitNative", "Interop+Sys.Poll", "Interop+Sys.Read(", "PortableThreadPool+GateThread",
        "WaitForSignal", "Semaphore", "TimerQueue.TimerThread", "EventPipe", "Interop+Sys.WaitPid", "ReadFile", "accept",
    ];

    /// <summary>Profiles <paramref name="pid"/> while <paramref name="during"/> runs; writes a report to <paramref name="reportPath"/>.</summary>
    internal static async Task<T> CaptureAsync<T>(int pid, string reportPath, Func<Task<T>> during)
    {
        var trace = Path.ChangeExtension(reportPath, ".nettrace");
        var client = new DiagnosticsClient(pid);
        EventPipeProvider[] providers =
        [
            new("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
            new(ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.Default),
        ];
        T result;
        using (var session = client.StartEventPipeSession(providers, requestRundown: true))
        {
            await using var file = File.Create(trace);
            var copying = session.EventStream.CopyToAsync(file);
            result = await during();
            await session.StopAsync(CancellationToken.None);
            await copying;
        }

        await File.WriteAllTextAsync(reportPath, Report(trace));
        return result;
    }

    /// <summary><c>profile --trace FILE.nettrace</c>: the report of a trace written earlier.</summary>
    public static int Run(BenchArguments arguments)
    {
        Console.Write(Report(arguments.Required("trace"), arguments.Optional("callers")));
        return 0;
    }

    private static string Report(string trace, string? callersOf = null)
    {
        var callers = new Dictionary<string, int>(StringComparer.Ordinal);
        var etlx = TraceLog.CreateFromEventPipeDataFile(trace);
        using var log = new TraceLog(etlx);
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        int samples = 0, running = 0;
        foreach (var sample in log.Events.Where(e => e.ProviderName == "Microsoft-DotNETCore-SampleProfiler"))
        {
            samples++;
            var frames = new List<string>();
            for (var stack = sample.CallStack(); stack is not null; stack = stack.Caller)
            {
                var method = stack.CodeAddress.FullMethodName;
                frames.Add(string.IsNullOrEmpty(method) ? "?" + stack.CodeAddress.ModuleName : method);
            }

            // A thread waiting in native code (epoll, a semaphore) shows native frames over the managed method that waits.
            var firstManaged = frames.FirstOrDefault(f => !f.StartsWith('?')) ?? "";
            if (frames.Count == 0 || WaitingFrames.Any(w => firstManaged.Contains(w, StringComparison.Ordinal)) || firstManaged.EndsWith("SocketAsyncEngine.EventLoop()", StringComparison.Ordinal))
            {
                continue;
            }

            running++;
            if (callersOf is not null && frames.FindIndex(f => f.Contains(callersOf, StringComparison.Ordinal)) is var at and >= 0)
            {
                var path = string.Join("  <-  ", frames.Skip(at).Take(4).Select(f => f.Length > 90 ? f[..90] : f));
                callers[path] = callers.GetValueOrDefault(path) + 1;
            }

            exclusive[frames[0]] = exclusive.GetValueOrDefault(frames[0]) + 1;
            foreach (var frame in frames.Distinct(StringComparer.Ordinal))
            {
                inclusive[frame] = inclusive.GetValueOrDefault(frame) + 1;
            }
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{samples} thread samples (1 ms each), {running} of threads running; percentages of the running samples\n\n");
        text.Append("inclusive %  method\n");
        foreach (var (method, count) in inclusive.OrderByDescending(p => p.Value).Take(120))
        {
            text.Append(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, running),10:F1}  {method}\n");
        }

        text.Append("\nexclusive %  method\n");
        foreach (var (method, count) in exclusive.OrderByDescending(p => p.Value).Take(60))
        {
            text.Append(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, running),10:F1}  {method}\n");
        }

        if (callersOf is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\ncallers of {callersOf} (% of running samples)\n");
            foreach (var (path, count) in callers.OrderByDescending(p => p.Value).Take(20))
            {
                text.Append(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, running),10:F1}  {path}\n");
            }
        }

        File.Delete(etlx);
        return text.ToString();
    }
}
