using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace UCE.Gateway.Tests.Support;

/// <summary>One request a <see cref="CapturingSubgraph"/> received: its headers (names in any case) and body.</summary>
public sealed record CapturedRequest(IReadOnlyDictionary<string, StringValues> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The same headers as ASP.NET Core's header dictionary (for the signature check a subgraph makes).</summary>
    public IHeaderDictionary AsHeaderDictionary() => new HeaderDictionary(Headers.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// A server on 127.0.0.1 that stands where a subgraph should be, records every request and answers each with the same
/// body: by default the customers subgraph's answer to <c>customer(id:)</c> with the customer <c>cus-000001</c>.
/// </summary>
public sealed class CapturingSubgraph : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();

    private CapturingSubgraph(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    public const string CustomerAnswer = """{"data":{"customer":{"__typename":"Customer","id":"cus-000001"}}}""";

    public static async Task<CapturingSubgraph> StartAsync(string answer = CustomerAnswer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CapturingSubgraph? self = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            self!._requests.Enqueue(new CapturedRequest(
                context.Request.Headers.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new CapturingSubgraph(app, new Uri(address.TrimEnd('/') + "/graphql"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
