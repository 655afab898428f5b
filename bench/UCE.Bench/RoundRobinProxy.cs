using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace UCE.Bench;

/// <summary>
/// <c>proxy --listen PORT --backend URL --backend URL… [--health PATH]</c>: a small round-robin load balancer in front of
/// gateway instances, as a cluster's service with readiness probes or an nginx upstream with health checks would be. Each
/// backend's health path (default <c>/health</c>) is asked every 500 ms; requests go in turn to the backends that answered
/// 200 last time (to all of them when none did). A backend that refuses the connection (stopped, or not yet listening) is
/// skipped until its next good health answer and the request goes to the next one, which is safe for any request because
/// nothing was sent. Any other failure is the client's to see (502). Listens on 127.0.0.1 only; <c>GET /__proxy</c> reports
/// the requests each backend took.
/// </summary>
public static class RoundRobinProxy
{
    private static readonly string[] NotForwarded = ["Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive"];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var port = arguments.Int("listen", 4300);
        var backends = arguments.All("backend").Select(url => new Backend(new Uri(url))).ToArray();
        var healthPath = arguments.Optional("health") ?? "/health";
        if (backends.Length == 0)
        {
            throw new ArgumentException("--backend URL is required at least once.");
        }

        using var handler = new SocketsHttpHandler { UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var next = -1;
        using var stopping = new CancellationTokenSource();
        var probes = backends.Select(backend => ProbeAsync(http, backend, healthPath, stopping.Token)).ToArray();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        });
        await using var app = builder.Build();
        app.MapGet("/__proxy", () => Results.Json(backends.Select(b => new { url = b.Url.ToString(), requests = b.Requests, refused = b.Refused })));
        app.Map("/{**path}", async context =>
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = body.ToArray();
            // Each backend at most once per request, starting from the next in turn.
            var start = (uint)Interlocked.Increment(ref next);
            for (var tried = 0; tried < backends.Length; tried++)
            {
                var backend = backends[(int)((start + (uint)tried) % (uint)backends.Length)];
                if (!backend.Healthy && backends.Any(b => b.Healthy))
                {
                    continue;
                }

                using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(backend.Url, context.Request.Path + context.Request.QueryString));
                if (bytes.Length > 0 || context.Request.ContentLength is not null)
                {
                    request.Content = new ByteArrayContent(bytes);
                }

                foreach (var (name, values) in context.Request.Headers)
                {
                    if (NotForwarded.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                    {
                        request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
                    }
                }

                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
                }
                catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                {
                    Interlocked.Increment(ref backend.Refused);
                    backend.Healthy = false;
                    continue;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    await context.Response.WriteAsync("backend failed: " + exception.Message);
                    return;
                }

                using (response)
                {
                    Interlocked.Increment(ref backend.Requests);
                    context.Response.StatusCode = (int)response.StatusCode;
                    foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                    {
                        if (!NotForwarded.Contains(name, StringComparer.OrdinalIgnoreCase))
                        {
                            context.Response.Headers[name] = values.ToArray();
                        }
                    }

                    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                }

                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("no backend accepted the connection");
        });
        await app.RunAsync();
        await stopping.CancelAsync();
        await Task.WhenAll(probes);
        return 0;
    }

    private static async Task ProbeAsync(HttpClient http, Backend backend, string path, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                probe.CancelAfter(TimeSpan.FromSeconds(1));
                using var response = await http.GetAsync(new Uri(backend.Url, path), probe.Token);
                backend.Healthy = response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                backend.Healthy = false;
            }

            try
            {
                await Task.Delay(500, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed class Backend(Uri url)
    {
        public int Requests;
        public int Refused;
        private volatile bool healthy = true;

        public Uri Url { get; } = url;

        public bool Healthy
        {
            get => healthy;
            set => healthy = value;
        }
    }
}
