using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Bench;

/// <summary>
/// Sends a bounded number of GraphQL POSTs at a fixed concurrency and reports throughput, latency
/// percentiles, failures and (with <c>--pid</c>) the CPU time the server process spent per request.
/// With <c>--send id</c> each request names the query as a trusted document, by <c>documentId</c>
/// (<c>sha256:</c> and the hex SHA-256 of the file's text), instead of carrying its text.
/// </summary>
public static class LoadRun
{
    private static readonly byte[] ErrorsProperty = "\"errors\""u8.ToArray();

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var url = new Uri(arguments.Required("url"));
        var query = await File.ReadAllTextAsync(arguments.Required("query"));
        var template = arguments.Optional("variables-template");
        var rotate = Math.Max(1, arguments.Int("rotate", 1));
        var requests = arguments.Int("requests", 2000);
        var concurrency = arguments.Int("concurrency", 16);
        var warmup = arguments.Int("warmup", 200);
        var maxSeconds = arguments.Int("max-seconds", 120);
        var pid = arguments.Optional("pid") is { } pidText ? int.Parse(pidText, CultureInfo.InvariantCulture) : (int?)null;
        var label = arguments.Optional("label") ?? url.ToString();
        var send = arguments.Optional("send") ?? "text";
        if (send is not ("text" or "id"))
        {
            throw new ArgumentException("--send is text or id.");
        }

        var documentId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

        // {n} in the template becomes 1..rotate, so that identical requests are not all in flight at once.
        var bodies = Enumerable.Range(1, rotate).Select(n =>
        {
            var variables = template is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(template.Replace("{n}", n.ToString("D6", CultureInfo.InvariantCulture), StringComparison.Ordinal));
            return send == "id"
                ? JsonSerializer.SerializeToUtf8Bytes(new { documentId, variables })
                : JsonSerializer.SerializeToUtf8Bytes(new { query, variables });
        }).ToArray();
        // --order shuffled: the rotation in a fixed random order (seed 42), so that a run over a large data set reaches rows
        // all over its tables rather than the first few thousand in key order.
        if (arguments.Optional("order") == "shuffled")
        {
            new Random(42).Shuffle(bodies);
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var headers = arguments.All("header").Select(h => (Name: h[..h.IndexOf(':', StringComparison.Ordinal)], Value: h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToArray();
        // --sign identity: the request goes straight to a subgraph, which answers only what the gateway signed; sign as it does.
        var signer = arguments.Optional("sign") == "identity"
            ? IdentitySigningKey.ParseList(Environment.GetEnvironmentVariable("Identity__SigningKeys")) is { Count: > 0 } keys
                ? keys[0]
                : throw new InvalidOperationException("--sign identity needs Identity__SigningKeys in the environment.")
            : null;

        await RunPhaseAsync(http, url, bodies, headers, signer, warmup, concurrency, TimeSpan.FromSeconds(maxSeconds));
        var cpuBefore = pid is { } p1 ? ProcessCpu.Read(p1) : TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        var phase = await RunPhaseAsync(http, url, bodies, headers, signer, requests, concurrency, TimeSpan.FromSeconds(maxSeconds));
        watch.Stop();
        var cpuAfter = pid is { } p2 ? ProcessCpu.Read(p2) : TimeSpan.Zero;

        var latencies = phase.Latencies;
        Array.Sort(latencies);
        var completed = latencies.Length;
        var result = new LoadResult(
            Label: label,
            Url: url.ToString(),
            Sent: send,
            BodyBytes: bodies[0].Length,
            Requests: completed,
            Concurrency: concurrency,
            Seconds: Math.Round(watch.Elapsed.TotalSeconds, 3),
            RequestsPerSecond: Math.Round(completed / watch.Elapsed.TotalSeconds, 1),
            P50Ms: Percentile(latencies, 0.50),
            P90Ms: Percentile(latencies, 0.90),
            P99Ms: Percentile(latencies, 0.99),
            MaxMs: completed == 0 ? 0 : Math.Round(latencies[^1], 3),
            Failures: phase.Failures,
            ResponsesWithErrors: phase.ResponsesWithErrors,
            ServerCpuSeconds: pid is null ? null : Math.Round((cpuAfter - cpuBefore).TotalSeconds, 2),
            ServerCpuMsPerRequest: pid is null || completed == 0 ? null : Math.Round((cpuAfter - cpuBefore).TotalMilliseconds / completed, 3));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return phase.Failures == 0 ? 0 : 1;
    }

    private static async Task<Phase> RunPhaseAsync(HttpClient http, Uri url, byte[][] bodies, (string Name, string Value)[] headers, IdentitySigningKey? signer, int count, int concurrency, TimeSpan limit)
    {
        var latencies = new double[count];
        var next = -1;
        var done = 0;
        var failures = 0;
        var withErrors = 0;
        using var deadline = new CancellationTokenSource(limit);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count && !deadline.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bodies[index % bodies.Length]) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Accept.ParseAdd("application/json");
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                if (signer is not null)
                {
                    request.Headers.TryAddWithoutValidation(IdentityHeaders.Signature, IdentitySignature.Create(
                        name => headers.FirstOrDefault(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)).Value,
                        bodies[index % bodies.Length],
                        DateTimeOffset.UtcNow,
                        signer));
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, deadline.Token);
                    var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Interlocked.Increment(ref done);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    else if (body.AsSpan().IndexOf(ErrorsProperty) >= 0)
                    {
                        Interlocked.Increment(ref withErrors);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    latencies[index] = double.NaN;
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(workers);
        var measured = latencies.Take(Math.Min(count, next)).Where(l => l > 0 && !double.IsNaN(l)).ToArray();
        return new Phase(measured, failures, withErrors);
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)], 3);

    private sealed record Phase(double[] Latencies, int Failures, int ResponsesWithErrors);
}

/// <summary>One load run's figures, printed as one JSON line.</summary>
public sealed record LoadResult(
    string Label,
    string Url,
    string Sent,
    int BodyBytes,
    int Requests,
    int Concurrency,
    double Seconds,
    double RequestsPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    int Failures,
    int ResponsesWithErrors,
    double? ServerCpuSeconds,
    double? ServerCpuMsPerRequest);
