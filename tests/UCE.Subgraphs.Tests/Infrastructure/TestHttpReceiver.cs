using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// An SMS or push provider on 127.0.0.1 (Kestrel): records every POST (its JSON body and headers) and answers 200, or what
/// <see cref="AnswerWith"/> sets per message id (<c>503, 200</c>: refuse the first delivery, accept the next).
/// </summary>
public sealed class TestHttpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> answers = new(StringComparer.Ordinal);

    private TestHttpReceiver(WebApplication app) => this.app = app;

    /// <summary>The URL providers are configured with.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How long each answer waits (a slow provider).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request, in arrival order, whatever it was answered.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. requests];

    /// <summary>The requests answered with success.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. requests.Where(r => r.Answer == HttpStatusCode.OK)];

    /// <summary>The accepted messages to <paramref name="to"/>.</summary>
    public IReadOnlyList<ReceivedRequest> AcceptedTo(string to) => [.. Accepted.Where(r => r.To == to)];

    /// <summary>Answers the next deliveries of notification <paramref name="id"/> with <paramref name="statuses"/>, then 200.</summary>
    public void AnswerWith(string id, params HttpStatusCode[] statuses) => answers[id] = new ConcurrentQueue<HttpStatusCode>(statuses);

    public static async Task<TestHttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new TestHttpReceiver(app);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/messages");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var root = body.RootElement.Clone();
        var id = root.GetProperty("id").GetString()!;
        var answer = answers.TryGetValue(id, out var queue) && queue.TryDequeue(out var planned) ? planned : HttpStatusCode.OK;
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        requests.Enqueue(new ReceivedRequest(
            id,
            root.GetProperty("to").GetString()!,
            root.GetProperty("body").GetString()!,
            http.Request.Headers.Authorization.ToString(),
            http.Request.Headers["Idempotency-Key"].ToString(),
            answer));
        http.Response.StatusCode = (int)answer;
        if (answer != HttpStatusCode.OK)
        {
            await http.Response.WriteAsync($"planned answer {(int)answer}");
        }
    }
}

/// <summary>One message a <see cref="TestHttpReceiver"/> received.</summary>
public sealed record ReceivedRequest(string Id, string To, string Body, string Authorization, string IdempotencyKey, HttpStatusCode Answer);
