using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace UCE.Bench;

/// <summary>
/// Mixed traffic for a fixed time at a fixed concurrency — the customer 360, customer searches, payments and outage reports —
/// with a per-second timeline of what the clients saw: requests by operation, HTTP statuses, transport failures, GraphQL
/// error codes, partial data, latencies. A payment is sent with an idempotency key of its own and retried with the same key
/// (a second apart, for at most a minute) when its outcome is unknown or failed, as a careful client does; every payment the
/// client saw succeed is written to <c>--payments</c>, so that a run can check each exists exactly once. With <c>--pid</c>
/// the processes' resident memory and with <c>--metrics</c> the GC heap the gateway reports are sampled every ten seconds.
/// </summary>
public static class MixedRun
{
    private const string Customer360 = "customer360";
    private const string Search = "search";
    private const string Payment = "payment";
    private const string Report = "report";

    private const string SearchQuery = """
        query Search($text: String!) { customers(search: $text, first: 10) { totalCount edges { node { id name } } } }
        """;

    private const string PaymentMutation = """
        mutation Pay($input: MakePaymentInput!) { makePayment(input: $input) { payment { id amount } replayed } }
        """;

    private const string ReportMutation = """
        mutation Report($input: ReportOutageInput!) { reportOutage(input: $input) { report { id } outageCreated } }
        """;

    private static readonly string[] SearchTexts = ["smith", "jones", "taylor", "brown", "wil", "green", "river", "park"];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var url = new Uri(arguments.Required("url"));
        var seconds = arguments.Int("seconds", 60);
        var warmupSeconds = arguments.Int("warmup-seconds", 10);
        var concurrency = arguments.Int("concurrency", 8);
        var customers = arguments.Int("customers", 1000);
        var run = arguments.Optional("run") ?? DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var customer360 = await File.ReadAllTextAsync(arguments.Required("query"));
        var mix = ParseMix(arguments.Optional("mix") ?? "customer360=60,search=20,payment=10,report=10");
        var timelinePath = arguments.Required("timeline");
        var paymentsPath = arguments.Optional("payments");
        var pids = arguments.All("pid").Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var metricsUrl = arguments.Optional("metrics");
        var headers = arguments.All("header").Select(h => (Name: h[..h.IndexOf(':', StringComparison.Ordinal)], Value: h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToArray();
        if (seconds is < 1 or > 7200 || concurrency is < 1 or > 256)
        {
            throw new ArgumentException("--seconds is 1–7200 and --concurrency 1–256.");
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var timeline = new Timeline(seconds);
        var startedAt = DateTimeOffset.UtcNow;
        var cpuBefore = pids.Select(CpuOrNull).ToArray();
        var payments = new ConcurrentQueue<PaymentOutcome>();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var recording = false;
        var counter = -1;

        async Task<Outcome> SendAsync(string operation, string document, object variables)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { query = document, variables });
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Accept.ParseAdd("application/graphql-response+json, application/json");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var started = clock.Elapsed;
            Outcome outcome;
            try
            {
                using var response = await http.SendAsync(request);
                var answer = await response.Content.ReadAsByteArrayAsync();
                outcome = Outcome.Of((int)response.StatusCode, answer);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome = Outcome.Failed(exception is TaskCanceledException ? "timeout" : exception.InnerException?.GetType().Name ?? exception.GetType().Name);
            }

            if (Volatile.Read(ref recording))
            {
                timeline.Record((int)started.TotalSeconds, operation, outcome, (clock.Elapsed - started).TotalMilliseconds);
            }

            return outcome;
        }

        async Task PayAsync(int n)
        {
            var key = $"ops-{run}-{n}";
            var account = $"acc-{(n % customers) + 1:D6}-r";
            // Retried with the same key until it succeeds, a second apart, for at most a minute or until 30 s after the run.
            var attempts = 0;
            while (attempts < 60)
            {
                attempts++;
                var outcome = await SendAsync(Payment, PaymentMutation, new { input = new { accountId = account, amount = 1.25, method = "CARD", idempotencyKey = key } });
                if (outcome.PaymentId is { } id)
                {
                    payments.Enqueue(new PaymentOutcome(key, id, attempts, outcome.Replayed));
                    return;
                }

                if (clock.Elapsed > end + TimeSpan.FromSeconds(30))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            payments.Enqueue(new PaymentOutcome(key, null, attempts, false));
        }

        // Warm-up, not recorded: reads only (no payment or report), so that every payment and report of the run is counted.
        var warmupEnd = TimeSpan.FromSeconds(warmupSeconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            while (clock.Elapsed < warmupEnd)
            {
                var customer = random.Next(customers) + 1;
                _ = random.Next(2) == 0
                    ? await SendAsync(Customer360, customer360, new { id = $"cus-{customer:D6}" })
                    : await SendAsync(Search, SearchQuery, new { text = SearchTexts[random.Next(SearchTexts.Length)] });
            }
        }));
        clock.Restart();
        Volatile.Write(ref recording, true);
        startedAt = DateTimeOffset.UtcNow;
        cpuBefore = pids.Select(CpuOrNull).ToArray();

        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(timeline, clock, pids, metricsUrl, http, sampling.Token);
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(1000 + worker);
            while (clock.Elapsed < end)
            {
                var n = Interlocked.Increment(ref counter);
                var customer = (n % customers) + 1;
                switch (mix.Pick(random))
                {
                    case Customer360:
                        await SendAsync(Customer360, customer360, new { id = $"cus-{customer:D6}" });
                        break;
                    case Search:
                        await SendAsync(Search, SearchQuery, new { text = SearchTexts[random.Next(SearchTexts.Length)] });
                        break;
                    case Payment:
                        await PayAsync(n);
                        break;
                    default:
                        await SendAsync(Report, ReportMutation, new { input = new { serviceLocationId = $"loc-{customer:D6}", description = "No power since the storm", contact = "+15550100" } });
                        break;
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        await sampling.CancelAsync();
        await sampler;
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = pids.Select((pid, i) => CpuOrNull(pid) is { } after && cpuBefore[i] is { } before ? Math.Round((after - before).TotalSeconds, 2) : (double?)null).ToArray();

        await File.WriteAllLinesAsync(timelinePath, timeline.Lines());
        if (paymentsPath is not null)
        {
            await File.WriteAllLinesAsync(paymentsPath, payments.Select(p => JsonSerializer.Serialize(p)));
        }

        var summary = timeline.Summary(payments.ToArray());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            startedAtUnixMs = startedAt.ToUnixTimeMilliseconds(),
            seconds = Math.Round(elapsed, 1),
            concurrency,
            pids,
            cpuSeconds = cpu,
            summary,
        }));
        return 0;
    }

    private static async Task SampleAsync(Timeline timeline, Stopwatch clock, int[] pids, string? metricsUrl, HttpClient http, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var second = (int)clock.Elapsed.TotalSeconds;
            var rss = pids.Select(ResidentOrZero).ToArray();
            double? heap = null;
            if (metricsUrl is not null)
            {
                try
                {
                    var text = await http.GetStringAsync(metricsUrl, stop);
                    heap = PrometheusValue(text, "dotnet_gc_last_collection_heap_size_bytes");
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // The gateway is down (a fault under test): no sample this time.
                }
            }

            timeline.Sample(second, rss, heap);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan? CpuOrNull(int pid)
    {
        try
        {
            return ProcessCpu.Read(pid);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long ResidentOrZero(int pid)
    {
        try
        {
            return ServerMemory.Resident(pid).Rss;
        }
        catch (IOException)
        {
            // The process is gone (stopped as part of the run).
            return 0;
        }
    }

    /// <summary>The sum of every series of a metric in Prometheus text (the heap size is reported per generation).</summary>
    internal static double? PrometheusValue(string text, string metric)
    {
        double? total = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var rest = line[metric.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            var value = rest.Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                total = (total ?? 0) + parsed;
            }
        }

        return total;
    }

    private static Mix ParseMix(string text)
    {
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('='))
            .Select(parts => (Name: parts[0], Weight: int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToArray();
        foreach (var (name, _) in entries)
        {
            if (name is not (Customer360 or Search or Payment or Report))
            {
                throw new ArgumentException($"--mix names {Customer360}, {Search}, {Payment} and {Report}; '{name}' is none of them.");
            }
        }

        return new Mix(entries);
    }

    private sealed class Mix((string Name, int Weight)[] entries)
    {
        private readonly int total = entries.Sum(e => e.Weight);

        public string Pick(Random random)
        {
            var roll = random.Next(total);
            foreach (var (name, weight) in entries)
            {
                if ((roll -= weight) < 0)
                {
                    return name;
                }
            }

            return entries[^1].Name;
        }
    }

    /// <summary>What one response was, as a client sees it.</summary>
    private sealed record Outcome(string Kind, int Status, string[] Codes, string? PaymentId, bool Replayed)
    {
        public static Outcome Failed(string reason) => new("transport:" + reason, 0, [], null, false);

        public static Outcome Of(int status, byte[] body)
        {
            string[] codes = [];
            var hasData = false;
            string? paymentId = null;
            var replayed = false;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    codes = errors.EnumerateArray()
                        .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() ?? "?" : "NO_CODE")
                        .Distinct(StringComparer.Ordinal)
                        .ToArray();
                }

                if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    hasData = data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.Null);
                    if (data.TryGetProperty("makePayment", out var pay) && pay.ValueKind == JsonValueKind.Object)
                    {
                        paymentId = pay.GetProperty("payment").GetProperty("id").GetString();
                        replayed = pay.GetProperty("replayed").GetBoolean();
                    }
                }
            }
            catch (JsonException)
            {
                // A proxy's or server's own answer (502, 503 …): its first words say what happened.
                Console.Error.WriteLine($"not JSON ({status}): {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 160)))}");
                return new Outcome($"not-json:{status}", status, [], null, false);
            }

            var kind = status != 200 ? $"http:{status}" : codes.Length == 0 ? "ok" : hasData ? "partial" : "errors";
            return new Outcome(kind, status, codes, paymentId, replayed);
        }
    }

    /// <summary>A payment as the client saw it end: its payment id when it succeeded (after how many attempts).</summary>
    internal sealed record PaymentOutcome(string Key, string? PaymentId, int Attempts, bool Replayed);

    /// <summary>Counts and latencies per second of the run.</summary>
    private sealed class Timeline(int seconds)
    {
        private readonly Bucket[] buckets = Enumerable.Range(0, seconds + 60).Select(_ => new Bucket()).ToArray();
        private readonly ConcurrentQueue<(int Second, long[] Rss, double? Heap)> samples = new();

        public void Record(int second, string operation, Outcome outcome, double milliseconds)
        {
            var bucket = buckets[Math.Clamp(second, 0, buckets.Length - 1)];
            lock (bucket)
            {
                bucket.Count(operation + "." + outcome.Kind);
                foreach (var code in outcome.Codes)
                {
                    bucket.Count("code." + code);
                }

                bucket.Latencies.Add(milliseconds);
            }
        }

        public void Sample(int second, long[] rss, double? heap) => samples.Enqueue((second, rss, heap));

        public IEnumerable<string> Lines()
        {
            var sampleBySecond = samples.ToDictionary(s => s.Second);
            for (var second = 0; second < buckets.Length; second++)
            {
                var bucket = buckets[second];
                if (bucket.Latencies.Count == 0 && !sampleBySecond.ContainsKey(second))
                {
                    continue;
                }

                var sorted = bucket.Latencies.Order().ToArray();
                sampleBySecond.TryGetValue(second, out var sample);
                yield return JsonSerializer.Serialize(new
                {
                    second,
                    requests = sorted.Length,
                    p50 = Percentile(sorted, 0.50),
                    p99 = Percentile(sorted, 0.99),
                    max = sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 1),
                    counts = bucket.Counts,
                    rssBytes = sample.Rss,
                    gcHeapBytes = sample.Heap,
                });
            }
        }

        public object Summary(PaymentOutcome[] payments)
        {
            var all = buckets.SelectMany(b => b.Latencies).Order().ToArray();
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var bucket in buckets)
            {
                foreach (var (key, value) in bucket.Counts)
                {
                    counts[key] = counts.GetValueOrDefault(key) + value;
                }
            }

            // p99 per minute, to see whether it stays level over a long run.
            var minutes = buckets.Chunk(60)
                .Select(chunk => chunk.SelectMany(b => b.Latencies).Order().ToArray())
                .Where(latencies => latencies.Length > 0)
                .Select(latencies => new { requests = latencies.Length, p50 = Percentile(latencies, 0.5), p99 = Percentile(latencies, 0.99) })
                .ToArray();
            var ordered = samples.OrderBy(s => s.Second).ToArray();
            return new
            {
                requests = all.Length,
                p50 = Percentile(all, 0.50),
                p99 = Percentile(all, 0.99),
                max = all.Length == 0 ? 0 : Math.Round(all[^1], 1),
                counts,
                paymentsSucceeded = payments.Count(p => p.PaymentId is not null),
                paymentsUnresolved = payments.Count(p => p.PaymentId is null),
                paymentsRetried = payments.Count(p => p.Attempts > 1),
                minutes,
                firstSample = ordered.Length == 0 ? null : new { ordered[0].Second, ordered[0].Rss, ordered[0].Heap },
                lastSample = ordered.Length == 0 ? null : new { ordered[^1].Second, ordered[^1].Rss, ordered[^1].Heap },
            };
        }

        private static double Percentile(double[] sorted, double fraction) =>
            sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)], 1);

        private sealed class Bucket
        {
            public List<double> Latencies { get; } = [];

            public SortedDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

            public void Count(string key) => Counts[key] = Counts.GetValueOrDefault(key) + 1;
        }
    }
}
