using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace UCE.Bench;

/// <summary>
/// Stands in for the six subgraphs so a benchmark measures the gateways and not the subgraphs.
/// <c>record</c> is a proxy in front of the real subgraphs that saves every distinct (subgraph, request body)
/// with its response; <c>replay</c> answers from that recording from memory, on the subgraphs' own ports.
/// Both listen on 127.0.0.1 only.
/// </summary>
public static class SubgraphRecording
{
    private static readonly string[] NotForwarded = ["Host", "Content-Length", "Connection", "Transfer-Encoding", "Accept-Encoding", "Keep-Alive"];

    /// <summary>
    /// <c>record --out FILE --subgraph name=listenPort=upstreamUrl ... [--delay-ms N]</c>; with a delay, every request waits
    /// that long before it is forwarded (a slow subgraph, for the <c>@defer</c> bench). <c>POST /__bench/delay/{ms}</c> on any
    /// of its ports changes the delay while it runs (a subgraph that turns slow and recovers, for the fault runs).
    /// </summary>
    public static async Task<int> RecordAsync(BenchArguments arguments)
    {
        var output = arguments.Required("out");
        var routes = arguments.All("subgraph").Select(text => text.Split('=', 3)).ToDictionary(parts => int.Parse(parts[1]), parts => (Name: parts[0], Upstream: new Uri(parts[2])));
        var delayMs = arguments.Int("delay-ms", 0);
        var seen = new ConcurrentDictionary<(string, string), bool>();
        var writeLock = new Lock();
        await using var writer = new StreamWriter(output, append: true, new UTF8Encoding(false)) { AutoFlush = true };
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };

        await using var app = Build(routes.Keys);
        app.MapPost("/__bench/delay/{ms:int}", (int ms) =>
        {
            Volatile.Write(ref delayMs, Math.Max(0, ms));
            return Results.Text($"delay {ms} ms\n");
        });
        app.MapPost("/{**path}", async context =>
        {
            var (name, upstream) = routes[context.Connection.LocalPort];
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
            if (Volatile.Read(ref delayMs) is > 0 and var delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, upstream) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (header, values) in context.Request.Headers)
            {
                if (!NotForwarded.Contains(header, StringComparer.OrdinalIgnoreCase) && !header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.TryAddWithoutValidation(header, values.ToArray());
                }
            }

            using var response = await http.SendAsync(request, context.RequestAborted);
            var answer = await response.Content.ReadAsStringAsync(context.RequestAborted);
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            if (response.StatusCode == HttpStatusCode.OK && seen.TryAdd((name, body), true))
            {
                var line = JsonSerializer.Serialize(new RecordedExchange(name, body, contentType, answer));
                lock (writeLock)
                {
                    writer.WriteLine(line);
                }
            }

            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(answer, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary><c>replay --recording FILE --subgraph name=listenPort ...</c></summary>
    public static async Task<int> ReplayAsync(BenchArguments arguments)
    {
        var ports = arguments.All("subgraph").Select(text => text.Split('=', 2)).ToDictionary(parts => int.Parse(parts[1]), parts => parts[0]);
        var recording = new Dictionary<(string, string), (byte[] Body, string ContentType)>();
        foreach (var line in File.ReadLines(arguments.Required("recording")).Where(line => line.Length > 0))
        {
            var exchange = JsonSerializer.Deserialize<RecordedExchange>(line)!;
            recording[(exchange.Subgraph, exchange.Request)] = (Encoding.UTF8.GetBytes(exchange.Response), exchange.ContentType);
        }

        Console.Error.WriteLine($"replaying {recording.Count} recorded subgraph responses");
        var misses = 0;
        await using var app = Build(ports.Keys);
        app.MapPost("/{**path}", async context =>
        {
            var name = ports[context.Connection.LocalPort];
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
            if (!recording.TryGetValue((name, body), out var answer))
            {
                // A request the recording pass never saw: answer with a GraphQL error so the load run counts it, never a guess.
                Console.Error.WriteLine($"not recorded ({Interlocked.Increment(ref misses)}): {name} {body}");
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"data":null,"errors":[{"message":"request not in the recording","extensions":{"code":"NOT_RECORDED"}}]}""", context.RequestAborted);
                return;
            }

            context.Response.ContentType = answer.ContentType;
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }

    private static WebApplication Build(IEnumerable<int> ports)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        return builder.Build();
    }

    /// <summary>One recorded subgraph exchange: one line of the recording file.</summary>
    private sealed record RecordedExchange(string Subgraph, string Request, string ContentType, string Response);
}
