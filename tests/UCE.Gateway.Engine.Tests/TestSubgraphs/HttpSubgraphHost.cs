using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>Serves <see cref="DataSubgraph"/>s over real HTTP on 127.0.0.1 (dynamic port) at <c>/{name}/graphql</c>.</summary>
public sealed class HttpSubgraphHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpSubgraphHost(WebApplication app, IReadOnlyDictionary<string, Uri> urls)
    {
        _app = app;
        Urls = urls;
    }

    public IReadOnlyDictionary<string, Uri> Urls { get; }

    public static async Task<HttpSubgraphHost> StartAsync(IReadOnlyList<DataSubgraph> subgraphs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var byName = subgraphs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        app.MapPost("/{name}/graphql", async (string name, HttpContext context) =>
        {
            if (!byName.TryGetValue(name, out var subgraph))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var answer = await subgraph.ExecuteAsync(body.RootElement, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        var urls = subgraphs.ToDictionary(s => s.Name, s => new Uri($"{address}/{s.Name}/graphql"), StringComparer.Ordinal);
        return new HttpSubgraphHost(app, urls);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
