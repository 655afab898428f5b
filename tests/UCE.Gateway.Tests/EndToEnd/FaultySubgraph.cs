using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>How a <see cref="FaultySubgraph"/> misbehaves.</summary>
public enum SubgraphFault
{
    /// <summary>Never answers, until the caller gives up on the request or the subgraph stops.</summary>
    Silent,

    /// <summary>200 with an HTML page.</summary>
    HtmlPage,

    /// <summary>200 <c>application/json</c> that breaks off in the middle.</summary>
    TruncatedJson,

    /// <summary>500 with a plain-text body.</summary>
    ServerError,
}

/// <summary>A server on 127.0.0.1 that stands where a subgraph should be and answers every request with one fault.</summary>
public sealed class FaultySubgraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private FaultySubgraph(WebApplication app, CancellationTokenSource stopping, Uri url)
    {
        _app = app;
        _stopping = stopping;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Requests received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;


    public static async Task<FaultySubgraph> StartAsync(SubgraphFault fault)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FaultySubgraph? self = null;
        var stopping = new CancellationTokenSource();
        app.Run(async context =>
        {
            Interlocked.Increment(ref self!._requests);
            switch (fault)
            {
                case SubgraphFault.Silent:
                    using (var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token))
                    {
                        await Task.Delay(Timeout.Infinite, gone.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    }

                    break;
                case SubgraphFault.HtmlPage:
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body>Bad gateway</body></html>");
                    break;
                case SubgraphFault.TruncatedJson:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"data\":{\"_entities\":[{\"currentOut");
                    break;
                case SubgraphFault.ServerError:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    await context.Response.WriteAsync("internal error");
                    break;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new FaultySubgraph(app, stopping, new Uri(address.TrimEnd('/') + "/graphql"));
        return self;
    }

    /// <summary>A URL on 127.0.0.1 where nothing listens (a stopped subgraph).</summary>
    public static Uri StoppedUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/graphql");
    }

    public async ValueTask DisposeAsync()
    {
        // A silent request still held would keep the server's graceful stop waiting.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
