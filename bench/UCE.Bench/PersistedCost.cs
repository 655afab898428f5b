using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Bench;

/// <summary>
/// <c>persisted --supergraph FILE --query FILE --recording FILE [--iterations N]</c>: what a request costs the gateway as
/// text and as a trusted document's id, in one process, one thread, with nothing else between: the request body is read
/// as the gateway reads it (a JSON document, the <c>query</c> or <c>documentId</c> string taken out), an id is looked up
/// in a client's manifest, and the real engine answers the request over subgraphs that reply from a recording
/// (<c>bench/run.sh … replay</c>) in memory. Text and id requests alternate in blocks (text, id, id, text …) so that
/// neither meets a warmer process; reported are microseconds and bytes allocated per request. The trusted document is
/// pinned on the engine, as the gateway pins its trusted documents. Then, <c>--first-rounds</c> times (default 40), the
/// first request on a new engine (as after a start or a supergraph reload): by id on an engine that pinned the document
/// before it served, as text on one that did not; reported are the medians, and the pinning's own.
/// </summary>
public static class PersistedCost
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var iterations = arguments.Int("iterations", 20_000);
        var query = await File.ReadAllTextAsync(arguments.Required("query"));
        var supergraph = SupergraphSchema.Parse(await File.ReadAllTextAsync(arguments.Required("supergraph")));
        var recording = new Dictionary<(string, string), byte[]>();
        foreach (var line in File.ReadLines(arguments.Required("recording")).Where(line => line.Length > 0))
        {
            var exchange = JsonDocument.Parse(line).RootElement;
            recording[(exchange.GetProperty("Subgraph").GetString()!, exchange.GetProperty("Request").GetString()!)] =
                Encoding.UTF8.GetBytes(exchange.GetProperty("Response").GetString()!);
        }

        var subgraphs = new RecordedSubgraphs(recording);
        var agent = new GatewayCaller("agent", true, new HashSet<string>(StringComparer.Ordinal));
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

        // As the gateway holds its trusted documents: pinned on the engine before it serves.
        var pinned = new Dictionary<string, string>(StringComparer.Ordinal) { [hash] = query };
        FederatedGateway NewEngine() => new(supergraph, new GatewayOptions { SubgraphClient = subgraphs });
        using var engine = NewEngine();
        await engine.PinDocumentsAsync(pinned, CancellationToken.None);

        // A client's manifest as the gateway holds it: id → (text, content hash computed when it was read).
        var manifest = new Dictionary<string, (string Body, string Key)>(StringComparer.Ordinal) { [hash] = (query, hash) };
        var customers = Enumerable.Range(1, 40).Select(n => JsonSerializer.Serialize(new { id = "cus-" + n.ToString("D6", CultureInfo.InvariantCulture) })).ToArray();
        var textBodies = customers.Select(variables => Encoding.UTF8.GetBytes($"{{\"query\":{JsonSerializer.Serialize(query)},\"variables\":{variables}}}")).ToArray();
        var idBodies = customers.Select(variables => Encoding.UTF8.GetBytes($"{{\"documentId\":\"{hash}\",\"variables\":{variables}}}")).ToArray();

        Task<ReadOnlyMemory<byte>> TextAsync(int i) => TextOnAsync(engine, i);
        Task<ReadOnlyMemory<byte>> IdAsync(int i) => IdOnAsync(engine, i);

        async Task<ReadOnlyMemory<byte>> TextOnAsync(FederatedGateway engine, int i)
        {
            using var body = JsonDocument.Parse(textBodies[i % textBodies.Length]);
            var root = body.RootElement;
            var request = new GatewayRequest(root.GetProperty("query").GetString(), Variables: root.GetProperty("variables"), Caller: agent);
            return (await engine.ExecuteAsync(request, CancellationToken.None)).ToUtf8Json();
        }

        async Task<ReadOnlyMemory<byte>> IdOnAsync(FederatedGateway engine, int i)
        {
            using var body = JsonDocument.Parse(idBodies[i % idBodies.Length]);
            var root = body.RootElement;
            var (document, key) = manifest[root.GetProperty("documentId").GetString()!];
            var request = new GatewayRequest(document, Variables: root.GetProperty("variables"), Caller: agent, DocumentKey: key);
            return (await engine.ExecuteAsync(request, CancellationToken.None)).ToUtf8Json();
        }

        // The same answers both ways, and none an error: otherwise the comparison would compare different work.
        for (var i = 0; i < textBodies.Length; i++)
        {
            var (asText, asId) = (await TextAsync(i), await IdAsync(i));
            if (!asText.Span.SequenceEqual(asId.Span) || asText.Span.IndexOf("\"errors\""u8) >= 0)
            {
                Console.Error.WriteLine($"customer {i + 1}: {Encoding.UTF8.GetString(asText.Span)} / {Encoding.UTF8.GetString(asId.Span)}");
                return 1;
            }
        }

        for (var i = 0; i < 2000; i++)
        {
            await TextAsync(i);
            await IdAsync(i);
        }

        const int Blocks = 20;
        var perBlock = Math.Max(1, iterations / Blocks);
        var text = new Measured();
        var id = new Measured();
        for (var block = 0; block < Blocks; block++)
        {
            // text, id, id, text, text, id …
            var (first, second, firstRun, secondRun) = block % 2 == 0
                ? (text, id, (Func<int, Task<ReadOnlyMemory<byte>>>)TextAsync, (Func<int, Task<ReadOnlyMemory<byte>>>)IdAsync)
                : (id, text, IdAsync, TextAsync);
            await first.RunAsync(firstRun, perBlock);
            await second.RunAsync(secondRun, perBlock);
        }

        // The first request on a new engine (after a start or a supergraph reload), alternately by id on an engine that
        // pinned the document before it served and as text on one that did not.
        var firstRounds = arguments.Int("first-rounds", 40);
        var firstText = new List<double>();
        var firstId = new List<double>();
        var pinning = new List<double>();
        for (var round = 0; round < firstRounds; round++)
        {
            using (var fresh = NewEngine())
            {
                var started = Stopwatch.GetTimestamp();
                await fresh.PinDocumentsAsync(pinned, CancellationToken.None);
                pinning.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                started = Stopwatch.GetTimestamp();
                await IdOnAsync(fresh, round);
                firstId.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            using (var fresh = NewEngine())
            {
                var started = Stopwatch.GetTimestamp();
                await TextOnAsync(fresh, round);
                firstText.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            iterations = perBlock * Blocks,
            textBodyBytes = textBodies[0].Length,
            idBodyBytes = idBodies[0].Length,
            textMicroseconds = text.Microseconds,
            idMicroseconds = id.Microseconds,
            idOverText = Math.Round(id.Microseconds / text.Microseconds, 3),
            textAllocatedBytes = text.AllocatedBytes,
            idAllocatedBytes = id.AllocatedBytes,
            firstRequestRounds = firstRounds,
            firstTextMicrosecondsMedian = Median(firstText),
            firstIdMicrosecondsMedian = Median(firstId),
            firstIdOverText = Math.Round(Median(firstId) / Median(firstText), 3),
            pinningMicrosecondsMedian = Median(pinning),
            documentCacheHits = engine.DocumentCacheStatistics.Hits,
            documentCacheMisses = engine.DocumentCacheStatistics.Misses,
        }));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 1);
    }

    private sealed class Measured
    {
        private long _ticks;
        private long _allocated;
        private long _count;

        public double Microseconds => Math.Round(TimeSpan.FromTicks(_ticks).TotalMicroseconds / _count, 2);

        public long AllocatedBytes => _allocated / _count;

        public async Task RunAsync(Func<int, Task<ReadOnlyMemory<byte>>> request, int count)
        {
            // The whole process: continuations may run on other threads.
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                await request(i);
            }

            _ticks += Stopwatch.GetElapsedTime(started).Ticks;
            _allocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            _count += count;
        }
    }

    /// <summary>Subgraphs that answer from the recording, at once.</summary>
    private sealed class RecordedSubgraphs(Dictionary<(string, string), byte[]> recording) : ISubgraphClient
    {
        public Task<SubgraphResponse> SendAsync(SubgraphRequest request, CancellationToken cancellationToken) =>
            recording.TryGetValue((request.Subgraph, Encoding.UTF8.GetString(request.Body.Span)), out var answer)
                ? Task.FromResult(new SubgraphResponse(200, answer))
                : throw new InvalidOperationException($"Not in the recording: {request.Subgraph} {Encoding.UTF8.GetString(request.Body.Span)}");
    }
}
