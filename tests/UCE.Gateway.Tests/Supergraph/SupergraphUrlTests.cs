using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Supergraph;

/// <summary>
/// A gateway that takes its supergraph from a URL: it polls with <c>If-None-Match</c>, serves a new valid supergraph
/// without a restart, keeps the good one when the URL serves a bad one or fails, and reports the hash it serves.
/// </summary>
public sealed class SupergraphUrlTests
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_supergraph_url_is_polled_and_a_bad_supergraph_never_replaces_a_good_one()
    {
        await using var registry = await SupergraphRegistry.StartAsync(TestSchemas.Greeting);
        await using var host = await GatewayTestHost.StartAsync(null, new SdlSchemaEngineFactory(), new Dictionary<string, string?>
        {
            ["Gateway:SupergraphPath"] = "",
            ["Gateway:SupergraphUrl"] = registry.Url.ToString(),
            ["Gateway:SupergraphPollInterval"] = "00:00:01",
        });
        Assert.Equal(1, host.Active.Generation);
        Assert.Equal(Hash(TestSchemas.Greeting), host.Active.Current!.ContentHash);

        // Unchanged: answered 304.
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(registry.NotModified >= 1), ReloadTimeout, "an unchanged supergraph is answered 304");

        registry.Serve(TestSchemas.GreetingWithAddedField);
        await GatewayTestHost.WaitUntilAsync(async () =>
        {
            using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery("{ added }"));
            return response.StatusCode == HttpStatusCode.OK;
        }, ReloadTimeout, "the added field is served");
        Assert.Equal(2, host.Active.Generation);

        registry.Serve(TestSchemas.Invalid);
        var requests = registry.Requests;
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(registry.Requests >= requests + 2), ReloadTimeout, "the bad supergraph was fetched");
        registry.Fail = true;
        requests = registry.Requests;
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(registry.Requests >= requests + 1), ReloadTimeout, "the failing URL was asked");

        Assert.Equal(2, host.Active.Generation);
        Assert.Equal(Hash(TestSchemas.GreetingWithAddedField), host.Active.Current!.ContentHash);
        using var health = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(Hash(TestSchemas.GreetingWithAddedField), await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Hash(string sdl) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sdl)));

    /// <summary>A supergraph served over HTTP with an ETag, as a schema registry or an object store serves it.</summary>
    private sealed class SupergraphRegistry : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private volatile string _sdl;
        private int _requests;
        private int _notModified;

        private SupergraphRegistry(WebApplication app, string sdl)
        {
            _app = app;
            _sdl = sdl;
        }

        public Uri Url { get; private set; } = null!;

        public int Requests => Volatile.Read(ref _requests);

        public int NotModified => Volatile.Read(ref _notModified);

        public bool Fail { get; set; }

        public void Serve(string sdl) => _sdl = sdl;

        public static async Task<SupergraphRegistry> StartAsync(string sdl)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var registry = new SupergraphRegistry(app, sdl);
            app.MapGet("/supergraph.graphql", async context =>
            {
                Interlocked.Increment(ref registry._requests);
                if (registry.Fail)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                }

                var current = registry._sdl;
                var etag = $"\"{Hash(current)[..16]}\"";
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    Interlocked.Increment(ref registry._notModified);
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }

                context.Response.Headers.ETag = etag;
                await context.Response.WriteAsync(current);
            });
            await app.StartAsync();
            registry.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/supergraph.graphql");
            return registry;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
