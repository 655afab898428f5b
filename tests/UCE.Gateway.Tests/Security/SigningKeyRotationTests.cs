using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UCE.Gateway.Authentication;
using UCE.Gateway.Configuration;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Security;

/// <summary>The issuer's keys change while the gateway runs: a JWKS file rewritten, a JWKS URL answering new keys.</summary>
public sealed class SigningKeyRotationTests
{
    // How long a test waits for the gateway to see a new key: generous, never what is tested.
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task New_key_in_the_JWKS_file_is_trusted_without_restart_and_the_removed_key_is_not()
    {
        using var issuer = new TestTokenIssuer();
        await using var gateway = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: issuer.Settings);
        var oldToken = issuer.CreateToken();
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(gateway, oldToken));

        issuer.Rotate();
        var newToken = issuer.CreateToken();

        await GatewayTestHost.WaitUntilAsync(async () => await StatusWithAsync(gateway, newToken) == HttpStatusCode.OK, WaitBound, "a token signed with the new key is accepted");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(gateway, oldToken));
    }

    [Fact]
    public async Task Unreadable_JWKS_file_keeps_the_previous_keys()
    {
        using var issuer = new TestTokenIssuer();
        await using var gateway = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: issuer.Settings);
        var token = issuer.CreateToken();
        var keys = gateway.Services.GetRequiredService<TokenSigningKeys>();
        var failures = keys.FailedReads;

        await File.WriteAllTextAsync(issuer.JwksPath, "{ \"keys\": [ { \"kty\": ");
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(keys.FailedReads > failures), WaitBound, "the broken JWKS is read and refused");

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(gateway, token));
    }

    [Fact]
    public async Task Token_with_a_new_key_id_makes_the_gateway_fetch_the_JWKS_URL_again()
    {
        using var issuer = new TestTokenIssuer();
        await using var jwks = await JwksServer.StartAsync(issuer.JwksPath);
        await using var gateway = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: UrlSettings(jwks.Url, minimumRefresh: "00:00:00"), trustTestIssuer: false);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(gateway, issuer.CreateToken()));
        var fetchesBefore = jwks.Fetches;

        issuer.Rotate();

        // No waiting: the unknown key id itself makes the gateway fetch, and the same request is then accepted.
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(gateway, issuer.CreateToken()));
        Assert.Equal(fetchesBefore + 1, jwks.Fetches);
    }

    [Fact]
    public async Task Tokens_with_made_up_key_ids_cannot_make_the_gateway_fetch_the_JWKS_URL_more_than_once_per_floor()
    {
        using var issuer = new TestTokenIssuer();
        await using var jwks = await JwksServer.StartAsync(issuer.JwksPath);
        await using var gateway = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: UrlSettings(jwks.Url, minimumRefresh: "01:00:00"), trustTestIssuer: false);
        var fetchesAtStart = jwks.Fetches;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            StatusWithAsync(gateway, issuer.CreateToken(signing: new Microsoft.IdentityModel.Tokens.SigningCredentials(TestTokenIssuer.NewKey(), "RS256")))));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(1, fetchesAtStart);
        Assert.Equal(fetchesAtStart, jwks.Fetches);
    }

    [Fact]
    public async Task Unknown_key_ids_share_one_refresh_and_then_wait_for_the_floor()
    {
        using var issuer = new TestTokenIssuer();
        var clock = new ManualClock();
        var options = Options.Create(new GatewayHostOptions
        {
            SupergraphPath = "supergraph.graphql",
            Authentication = new GatewayAuthenticationOptions
            {
                Issuer = TestTokenIssuer.IssuerName,
                Audiences = [TestTokenIssuer.AudienceName],
                JwksPath = issuer.JwksPath,
                JwksMinimumRefreshInterval = TimeSpan.FromSeconds(30),
                JwksRefreshInterval = TimeSpan.FromHours(1),
            },
        });
        using var keys = new TokenSigningKeys(options, new DevelopmentKeyTrust(options), clock, NullLogger<TokenSigningKeys>.Instance);
        await keys.StartAsync(CancellationToken.None);
        try
        {
            var atStart = keys.Refreshes;
            clock.Advance(TimeSpan.FromSeconds(31));

            var refreshed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => keys.RefreshForUnknownKeyAsync(CancellationToken.None)));
            var afterBurst = keys.Refreshes;
            var tooSoon = await keys.RefreshForUnknownKeyAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(31));
            var afterFloor = await keys.RefreshForUnknownKeyAsync(CancellationToken.None);

            Assert.Contains(true, refreshed);
            Assert.Equal(atStart + 1, afterBurst);
            Assert.False(tooSoon);
            Assert.True(afterFloor);
            Assert.Equal(atStart + 2, keys.Refreshes);
        }
        finally
        {
            await keys.StopAsync(CancellationToken.None);
        }
    }

    private static Dictionary<string, string?> UrlSettings(Uri url, string minimumRefresh) => new()
    {
        ["Gateway:Authentication:Issuer"] = TestTokenIssuer.IssuerName,
        ["Gateway:Authentication:Audiences:0"] = TestTokenIssuer.AudienceName,
        ["Gateway:Authentication:JwksUrl"] = url.ToString(),
        ["Gateway:Authentication:JwksMinimumRefreshInterval"] = minimumRefresh,
    };

    private static async Task<HttpStatusCode> StatusWithAsync(GatewayTestHost gateway, string token)
    {
        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }").WithToken(token));
        return response.StatusCode;
    }

    /// <summary>A clock that moves only when told (the floor between refreshes is measured on it).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Serves a JWKS file over HTTP on 127.0.0.1 and counts the fetches.</summary>
    private sealed class JwksServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _fetches;

        private JwksServer(WebApplication app) => _app = app;

        public Uri Url { get; private set; } = null!;

        public int Fetches => Volatile.Read(ref _fetches);

        public static async Task<JwksServer> StartAsync(string jwksPath)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var server = new JwksServer(app);
            app.Run(async context =>
            {
                Interlocked.Increment(ref server._fetches);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(await File.ReadAllTextAsync(jwksPath));
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            server.Url = new Uri(address.TrimEnd('/') + "/.well-known/jwks.json");
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
