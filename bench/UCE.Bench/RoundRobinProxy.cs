using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace UCE.Bench;

/// <summary>
/// <c>proxy --listen PORT --backend URL --backend URL…</c>: a small round-robin load balancer in front of gateway instances,
/// as a cluster's service or an nginx upstream would be. Each request goes to the next backend in turn; a backend that
/// refuses the connection (stopped, or not yet listening) is skipped for two seconds and the request goes to the next one,
/// which is safe for any request because nothing was sent. Any other failure is the client's to see (502). Listens on
/// 127.0.0.1 only; <c>GET /__proxy</c> reports the requests each backend took.
/// </summary>
public static class RoundRobinProxy
{
    private static readonly string[] NotForwarded = ["Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive"];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var port = arguments.Int("listen", 4300);
        var backends = arguments.All("backend").Select(url => new Backend(new Uri(url))).ToArray();
        if (backends.Length == 0)
        {
            throw new ArgumentException("--backend URL is required at least once.");
        }

        using var handler = new SocketsHttpHandler { UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var next = -1;

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
            for (var tried = 0; tried < backends.Length; tried++)
            {
                var backend = backends[(int)((uint)Interlocked.Increment(ref next) % (uint)backends.Length)];
                if (backend.SkippedUntil > Environment.TickCount64 && tried < backends.Length - 1)
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
                    backend.SkippedUntil = Environment.TickCount64 + 2000;
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
        return 0;
    }

    private sealed class Backend(Uri url)
    {
        public int Requests;
        public int Refused;

        public Uri Url { get; } = url;

        public long SkippedUntil { get; set; }
    }
}
