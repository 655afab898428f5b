using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Bench;

/// <summary>
/// <c>subscriptions</c>: opens many <c>graphql-transport-ws</c> connections to a server (the outages subgraph, or a
/// gateway), subscribes each to <c>outagesInArea</c>, measures the server's memory per idle subscription, then writes
/// grid events to the Redis stream and measures each delivery from the stream write to its receipt. Bounded in
/// connections, events and time; every socket is closed at the end.
/// </summary>
public static class SubscriptionRun
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string Query = "subscription ($area: String!) { outagesInArea(area: $area) { id status areaName estimatedRestorationAt affectedCustomerCount } }";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var options = SubscriptionOptions.From(arguments);
        var log = new DeliveryLog();
        var clock = Stopwatch.StartNew();
        Progress($"{options.Connections} connections × {options.SubscriptionsPerConnection} subscriptions to {options.Url}, areas {string.Join(", ", options.Areas)}");

        using var redis = EventsRegistration.Connect(options.Redis);
        if (!redis.IsConnected)
        {
            Console.Error.WriteLine($"subscriptions: Redis at {options.Redis} does not answer.");
            return 1;
        }

        // The change channel tells when the server published each change: the write-to-receipt time splits into applying
        // the event (stream read, database) and the fan-out to the subscribers.
        var changes = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(options.ChangesChannel));
        changes.OnMessage(message =>
        {
            var at = Stopwatch.GetTimestamp();
            if (OutageChanged.FromJson(message.Message.ToString()) is { } change)
            {
                log.Published(change.OutageId, GridStorm.StatusName(change.Status), at);
            }
        });

        var storm = new GridStorm(options.RunId, options.Areas, options.LocationsByArea);
        var database = redis.GetDatabase();

        // Warm-up: a few connections live through one outage's five steps, so that the server has compiled the paths the
        // measurement takes and its baseline includes what the first connection costs once.
        var warmupLog = new DeliveryLog();
        var warmup = await OpenAsync(options with { Connections = options.WarmupConnections, SubscriptionsPerConnection = 1, Areas = [options.Areas[0]] }, warmupLog);
        var warmupStorm = new GridStorm(options.RunId + "w", [options.Areas[0]], options.LocationsByArea);
        for (var step = 0; step < 5; step++)
        {
            var (area, gridEvent, status) = warmupStorm.EventAt(step, 5, DateTime.UtcNow);
            var written = warmupLog.Expect(step, gridEvent.OutageId, status, area, warmup.Subscriptions);
            await WriteAsync(database, options.Stream, gridEvent, written);
            await Task.Delay(300);
        }

        await WaitForDeliveriesAsync(warmupLog, TimeSpan.FromSeconds(10));
        var warmupDelivered = warmupLog.ReceiptCount;
        await CloseAsync(warmup.Connections, warmupLog);
        Progress($"warm-up: {warmup.Connections.Count} connections, {warmupDelivered} of {5 * warmup.Subscriptions} deliveries");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var before = options.Pid is { } pid1 ? await MeasureMemoryAsync(pid1) : null;
        var censusBefore = options.Census is not null && options.Pid is { } pid5 ? HeapCensus.Take(pid5) : null;
        var opening = Stopwatch.StartNew();
        var opened = await OpenAsync(options, log);
        opening.Stop();
        Progress($"opened {opened.Connections.Count} of {options.Connections} connections ({opened.Subscriptions} subscriptions) in {opening.Elapsed.TotalSeconds:F1} s; {opened.Failures.Count} failed");

        if (options.Pid is { } quiet)
        {
            await WaitUntilQuietAsync(quiet, options.Settle);
        }
        else
        {
            await Task.Delay(options.Settle);
        }

        var idle = options.Pid is { } pid2 ? await MeasureMemoryAsync(pid2) : null;
        if (censusBefore is not null && options.Pid is { } pid6)
        {
            // What each idle subscription keeps alive in the server, by type: where the bytes per subscription go.
            await File.WriteAllTextAsync(options.Census!, HeapCensus.Growth(censusBefore, HeapCensus.Take(pid6), Math.Max(1, opened.Subscriptions), 400));
            Progress($"heap census per subscription written to {options.Census}");
        }

        if (options.Hold > TimeSpan.Zero)
        {
            // Time for an outside look at the idle server (`heap --pid …`) before the storm.
            Progress($"holding {opened.Subscriptions} idle subscriptions for {options.Hold.TotalSeconds:F0} s");
            await Task.Delay(options.Hold);
        }

        // The storm: events spread evenly over the duration, each expected once by every subscription of its area.
        var subscribersByArea = opened.Connections
            .SelectMany(c => c.Subscriptions)
            .GroupBy(s => s.Area, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var cpuBefore = options.Pid is { } pid3 ? ProcessCpu.Read(pid3) : TimeSpan.Zero;
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        async Task<(int Written, TimeSpan LastWrite)> StormAsync()
        {
            var storming = Stopwatch.StartNew();
            var interval = options.Events > 1 ? options.Duration / (options.Events - 1) : TimeSpan.Zero;
            var count = 0;
            for (var index = 0; index < options.Events && storming.Elapsed < options.Duration + TimeSpan.FromSeconds(5); index++)
            {
                var due = interval * index;
                if (due > storming.Elapsed)
                {
                    await Task.Delay(due - storming.Elapsed);
                }

                var (area, gridEvent, status) = storm.EventAt(index, options.Events, DateTime.UtcNow);
                var written = log.Expect(index, gridEvent.OutageId, status, area, subscribersByArea.GetValueOrDefault(area));
                await WriteAsync(database, options.Stream, gridEvent, written);
                count++;
            }

            var last = storming.Elapsed;
            await WaitForDeliveriesAsync(log, options.Drain);
            return (count, last);
        }

        var (writtenCount, lastWrite) = options.Profile is not null && options.Pid is { } pid7
            ? await CpuProfile.CaptureAsync(pid7, options.Profile, StormAsync)
            : await StormAsync();
        var cpuAfter = options.Pid is { } pid4 ? ProcessCpu.Read(pid4) : TimeSpan.Zero;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
        Progress($"wrote {writtenCount} events in {lastWrite.TotalSeconds:F1} s; {log.ReceiptCount} deliveries");

        var lostBeforeClose = log.ServerClosedCount;
        await CloseAsync(opened.Connections, log);
        await changes.UnsubscribeAsync();

        var result = Summarize(options, log, opened, opening.Elapsed, before, idle, writtenCount, lastWrite, cpuAfter - cpuBefore, benchCpu, lostBeforeClose, clock.Elapsed);
        Console.WriteLine(JsonSerializer.Serialize(result, Indented));
        return opened.Failures.Count == 0 && result.Delivery.Missing == 0 ? 0 : 1;
    }

    private static async Task<Opened> OpenAsync(SubscriptionOptions options, DeliveryLog log)
    {
        var connections = new List<SubscriberConnection>(options.Connections);
        var failures = new List<string>();
        using var gate = new SemaphoreSlim(options.OpenConcurrency);
        var next = 0;
        var tasks = new List<Task>(options.Connections);
        for (var c = 0; c < options.Connections; c++)
        {
            var subscriptions = Enumerable.Range(0, options.SubscriptionsPerConnection).Select(s =>
            {
                var index = next++;
                return new SubscriberSubscription($"s{s}", index, options.Areas[index % options.Areas.Count]);
            }).ToList();
            await gate.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                var connection = new SubscriberConnection(log, subscriptions);
                try
                {
                    if (await connection.OpenAsync(options.Url, options.Identity, Query, options.ConnectTimeout))
                    {
                        lock (connections)
                        {
                            connections.Add(connection);
                            if (connections.Count % 1000 == 0)
                            {
                                Progress($"  {connections.Count} open");
                            }
                        }

                        return;
                    }

                    lock (failures)
                    {
                        failures.Add(connection.Failure ?? "unknown");
                    }

                    await connection.DisposeAsync();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        return new Opened(connections, failures);
    }

    private static async Task CloseAsync(IReadOnlyList<SubscriberConnection> connections, DeliveryLog log)
    {
        log.Closing = true;
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 500 }, async (connection, _) =>
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(5));
            await connection.DisposeAsync();
        });
    }

    private static async Task WriteAsync(IDatabase database, string stream, GridEvent gridEvent, WrittenEvent written)
    {
        var json = GridEventFormat.Serialize(gridEvent);
        written.WrittenAt = Stopwatch.GetTimestamp();
        await database.StreamAddAsync(stream, GridEventFormat.Field, json);
    }

    /// <summary>Waits until every expected delivery arrived, or <paramref name="limit"/> passed without a new one.</summary>
    private static async Task WaitForDeliveriesAsync(DeliveryLog log, TimeSpan limit)
    {
        var expected = log.Events.Sum(e => e.Expected);
        var last = log.ReceiptCount;
        var quietSince = Stopwatch.StartNew();
        while (log.ReceiptCount < expected && quietSince.Elapsed < limit)
        {
            await Task.Delay(50);
            if (log.ReceiptCount != last)
            {
                last = log.ReceiptCount;
                quietSince.Restart();
            }
        }
    }

    /// <summary>Waits until the server spends under 2 % of a core for two seconds in a row (or <paramref name="limit"/> passed).</summary>
    private static async Task WaitUntilQuietAsync(int pid, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var quiet = 0;
        var cpu = ProcessCpu.Read(pid);
        while (watch.Elapsed < limit && quiet < 2)
        {
            await Task.Delay(1000);
            var now = ProcessCpu.Read(pid);
            quiet = (now - cpu).TotalSeconds < 0.02 ? quiet + 1 : 0;
            cpu = now;
        }

        Progress($"server settled after {watch.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<MemoryFigures> MeasureMemoryAsync(int pid)
    {
        var heap = ServerMemory.CollectAndMeasure(pid, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var (rss, anon) = ServerMemory.Resident(pid);
        Progress($"server memory: RSS {rss / 1048576.0:F1} MiB (anonymous {anon / 1048576.0:F1} MiB), live managed {heap?.LiveBytes / 1048576.0:F1} MiB");
        return new MemoryFigures(rss, anon, heap?.LiveBytes, heap?.HeapBytes, heap?.GcHandles);
    }

    private static SubscriptionResult Summarize(
        SubscriptionOptions options, DeliveryLog log, Opened opened, TimeSpan opening, MemoryFigures? before, MemoryFigures? idle,
        int written, TimeSpan writing, TimeSpan serverCpu, TimeSpan benchCpu, int lostBeforeClose, TimeSpan total)
    {
        var subscriptions = opened.Subscriptions;
        MemoryPerSubscription? memory = before is null || idle is null || subscriptions == 0
            ? null
            : new MemoryPerSubscription(
                Before: before,
                Idle: idle,
                RssBytesPerSubscription: Math.Round((idle.Rss - before.Rss) / (double)subscriptions, 0),
                RssAnonBytesPerSubscription: Math.Round((idle.RssAnon - before.RssAnon) / (double)subscriptions, 0),
                LiveManagedBytesPerSubscription: idle.LiveManagedBytes is { } after && before.LiveManagedBytes is { } start ? Math.Round((after - start) / (double)subscriptions, 0) : null,
                GcHandlesPerSubscription: idle.GcHandles is { } handlesAfter && before.GcHandles is { } handlesBefore ? Math.Round((handlesAfter - handlesBefore) / (double)subscriptions, 2) : null);

        var events = log.Events;
        var latencies = log.WriteToReceiptMs();
        Array.Sort(latencies);
        var fanOut = log.PublishToReceiptMs();
        Array.Sort(fanOut);
        var applied = events.Where(e => e.PublishedAt != 0).Select(e => Stopwatch.GetElapsedTime(e.WrittenAt, e.PublishedAt).TotalMilliseconds).Order().ToArray();
        var times = log.ReceiptTimes();
        var spread = times.Length > 1 ? Stopwatch.GetElapsedTime(times.Min(), times.Max()).TotalSeconds : 0;
        var expected = events.Sum(e => e.Expected);
        var delivery = new DeliveryFigures(
            EventsWritten: written,
            WritingSeconds: Math.Round(writing.TotalSeconds, 2),
            Expected: expected,
            Received: latencies.Length,
            Missing: events.Sum(e => Math.Max(0, e.Expected - e.Received)),
            Duplicates: events.Sum(e => Math.Max(0, e.Received - e.Expected)),
            Unmatched: log.Unmatched,
            EventsNotPublished: events.Count(e => e.PublishedAt == 0),
            WriteToReceiptMs: Percentiles.Of(latencies),
            PublishToReceiptMs: Percentiles.Of(fanOut),
            WriteToPublishMs: Percentiles.Of(applied),
            DeliveriesPerSecond: spread > 0 ? Math.Round(latencies.Length / spread, 0) : null,
            ServerCpuSeconds: options.Pid is null ? null : Math.Round(serverCpu.TotalSeconds, 2),
            ServerCpuMicrosecondsPerDelivery: options.Pid is null || latencies.Length == 0 ? null : Math.Round(serverCpu.TotalMilliseconds * 1000 / latencies.Length, 1),
            BenchCpuSeconds: Math.Round(benchCpu.TotalSeconds, 2),
            PerEvent: events.Count <= 20
                ? [.. events.Select(e =>
                {
                    var own = log.WriteToReceiptMs(e);
                    Array.Sort(own);
                    return new EventFigures(e.OutageId, e.Status, e.Area, e.Expected, e.Received,
                        e.PublishedAt == 0 ? null : Math.Round(Stopwatch.GetElapsedTime(e.WrittenAt, e.PublishedAt).TotalMilliseconds, 1), Percentiles.Of(own));
                })]
                : null);

        return new SubscriptionResult(
            Label: options.Label,
            Url: options.Url.ToString(),
            Connections: options.Connections,
            SubscriptionsPerConnection: options.SubscriptionsPerConnection,
            Areas: options.Areas,
            Opened: opened.Connections.Count,
            Subscriptions: subscriptions,
            OpenFailures: opened.Failures.Count,
            OpenFailureReasons: [.. opened.Failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Count()} × {g.Key}")],
            OpeningSeconds: Math.Round(opening.TotalSeconds, 2),
            ClosedByServerBeforeTheEnd: lostBeforeClose,
            SubscriptionsEndedByServer: log.SubscriptionsEnded,
            FirstEndMessage: log.FirstEnd,
            Memory: memory,
            Delivery: delivery,
            TotalSeconds: Math.Round(total.TotalSeconds, 1));
    }

    private static void Progress(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"subscriptions: {message}"));

    private sealed record Opened(List<SubscriberConnection> Connections, List<string> Failures)
    {
        public int Subscriptions => Connections.Sum(c => c.Subscriptions.Count);
    }
}

/// <summary>The options of <c>subscriptions</c>.</summary>
internal sealed record SubscriptionOptions(
    Uri Url,
    int Connections,
    int SubscriptionsPerConnection,
    IReadOnlyList<string> Areas,
    IReadOnlyDictionary<string, IReadOnlyList<string>> LocationsByArea,
    int OpenConcurrency,
    TimeSpan ConnectTimeout,
    int WarmupConnections,
    TimeSpan Settle,
    TimeSpan Hold,
    string? Census,
    string? Profile,
    int? Pid,
    SubscriberIdentity Identity,
    string Redis,
    string Stream,
    string ChangesChannel,
    int Events,
    TimeSpan Duration,
    TimeSpan Drain,
    string RunId,
    string Label)
{
    public static SubscriptionOptions From(BenchArguments arguments)
    {
        var url = new Uri(arguments.Required("url"));
        var connections = Bounded(arguments.Int("connections", 10_000), 1, 60_000, "connections");
        var perConnection = Bounded(arguments.Int("subscriptions-per-connection", 1), 1, 100, "subscriptions-per-connection");
        var locationsByArea = GridStorm.DemoAreas(Bounded(arguments.Int("locations", 40), 10, 1_000_000, "locations"));
        var areas = arguments.Optional("areas") is { } named
            ? named.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : locationsByArea.Keys.Order(StringComparer.Ordinal).ToArray();
        var unknown = areas.Where(a => !locationsByArea.ContainsKey(a)).ToList();
        if (areas.Length == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"--areas must name areas of the demo grid's first --locations locations ({string.Join(", ", locationsByArea.Keys)}); unknown: {string.Join(", ", unknown)}.");
        }

        var events = Bounded(arguments.Int("events", 1), 1, GridStorm.MaxEvents, "events");
        var defaults = new GridEventOptions();
        return new SubscriptionOptions(
            url,
            connections,
            perConnection,
            [.. areas.Select(a => locationsByArea.Keys.First(k => string.Equals(k, a, StringComparison.OrdinalIgnoreCase)))],
            locationsByArea,
            Bounded(arguments.Int("open-concurrency", 200), 1, 5_000, "open-concurrency"),
            TimeSpan.FromSeconds(Bounded(arguments.Int("connect-timeout", 10), 1, 120, "connect-timeout")),
            Bounded(arguments.Int("warmup-connections", 100), 1, 10_000, "warmup-connections"),
            TimeSpan.FromSeconds(Bounded(arguments.Int("settle", 30), 1, 600, "settle")),
            TimeSpan.FromSeconds(Bounded(arguments.Int("hold", 0), 0, 600, "hold")),
            arguments.Optional("census"),
            arguments.Optional("profile"),
            arguments.Optional("pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            SignedIdentity(arguments),
            arguments.Optional("redis") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:6379",
            arguments.Optional("stream") ?? defaults.Stream,
            arguments.Optional("changes-channel") ?? defaults.ChangesChannel,
            events,
            TimeSpan.FromSeconds(Bounded(arguments.Int("duration", events == 1 ? 1 : 30), 1, 3_600, "duration")),
            TimeSpan.FromSeconds(Bounded(arguments.Int("drain", 15), 1, 600, "drain")),
            DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(100).ToString("D2", CultureInfo.InvariantCulture),
            arguments.Optional("label") ?? "subscriptions");
    }

    /// <summary>
    /// <c>--token</c>: a bearer token in the <c>connection_init</c> payload, for a gateway. Otherwise the identity the gateway
    /// would sign for a subgraph (<c>--role</c>, default anonymous; <c>--customer</c>), with the first key of
    /// <c>Identity__SigningKeys</c>.
    /// </summary>
    private static SubscriberIdentity SignedIdentity(BenchArguments arguments)
    {
        if (arguments.Optional("token") is { } token)
        {
            return new SubscriberIdentity(token, CallerIdentity.Anonymous, null);
        }

        var role = arguments.Optional("role") ?? "anonymous";
        if (!CallerIdentity.TryParseRole(role, out var parsed))
        {
            throw new ArgumentException($"--role '{role}' is not a role.");
        }

        var keys = IdentitySigningKey.ParseList(Environment.GetEnvironmentVariable("Identity__SigningKeys"));
        if (keys.Count == 0)
        {
            throw new ArgumentException("Without --token the bench signs connection_init as the gateway does: set Identity__SigningKeys as for the subgraph.");
        }

        var caller = new CallerIdentity(parsed == CallerRole.Anonymous ? null : "bench-subscriber", parsed, arguments.Optional("customer"), new HashSet<string>(StringComparer.Ordinal));
        return new SubscriberIdentity(null, caller, keys[0]);
    }

    private static int Bounded(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentException($"--{name} must be between {min} and {max}; got {value}.");
}

/// <summary>Latency percentiles in milliseconds (the least and the tenth show when a fan-out's first deliveries arrived).</summary>
internal sealed record Percentiles(int Count, double Min, double P10, double P50, double P90, double P95, double P99, double Max)
{
    public static Percentiles Of(double[] sorted) => new(
        sorted.Length, sorted.Length == 0 ? 0 : Math.Round(sorted[0], 2), At(sorted, 0.10), At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.95), At(sorted, 0.99), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 2));

    private static double At(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)], 2);
}

internal sealed record MemoryFigures(long Rss, long RssAnon, long? LiveManagedBytes, long? ManagedHeapBytes, long? GcHandles);

internal sealed record MemoryPerSubscription(
    MemoryFigures Before,
    MemoryFigures Idle,
    double RssBytesPerSubscription,
    double RssAnonBytesPerSubscription,
    double? LiveManagedBytesPerSubscription,
    double? GcHandlesPerSubscription);

internal sealed record EventFigures(string OutageId, string Status, string Area, int Expected, int Received, double? WriteToPublishMs, Percentiles WriteToReceiptMs);

internal sealed record DeliveryFigures(
    int EventsWritten,
    double WritingSeconds,
    int Expected,
    int Received,
    int Missing,
    int Duplicates,
    int Unmatched,
    int EventsNotPublished,
    Percentiles WriteToReceiptMs,
    Percentiles PublishToReceiptMs,
    Percentiles WriteToPublishMs,
    double? DeliveriesPerSecond,
    double? ServerCpuSeconds,
    double? ServerCpuMicrosecondsPerDelivery,
    double BenchCpuSeconds,
    IReadOnlyList<EventFigures>? PerEvent);

/// <summary>One subscription bench run, printed as JSON.</summary>
internal sealed record SubscriptionResult(
    string Label,
    string Url,
    int Connections,
    int SubscriptionsPerConnection,
    IReadOnlyList<string> Areas,
    int Opened,
    int Subscriptions,
    int OpenFailures,
    IReadOnlyList<string> OpenFailureReasons,
    double OpeningSeconds,
    int ClosedByServerBeforeTheEnd,
    int SubscriptionsEndedByServer,
    string? FirstEndMessage,
    MemoryPerSubscription? Memory,
    DeliveryFigures Delivery,
    double TotalSeconds);
