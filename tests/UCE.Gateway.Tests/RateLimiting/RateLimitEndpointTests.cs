using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UCE.Gateway.RateLimiting;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.RateLimiting;

/// <summary>Rate limits over HTTP: 429 with <c>Retry-After</c>, per client, and held across gateway instances through Redis.</summary>
public sealed class RateLimitEndpointTests
{
    private static Dictionary<string, string?> Limited(bool redis) => new()
    {
        ["Gateway:RateLimit:Enabled"] = "true",
        ["Gateway:RateLimit:PermitsPerMinute"] = "6",
        ["Gateway:RateLimit:Burst"] = "10",
        ["ConnectionStrings:Redis"] = redis ? TestRedis.Configuration : null,
    };

    [Fact]
    public async Task A_burst_spread_over_two_gateway_instances_is_limited_as_one_client()
    {
        await using var first = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: Limited(redis: true));
        await using var second = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: Limited(redis: true));
        var token = TestTokenIssuer.Default.CreateToken("partner", subject: "partner-" + Guid.NewGuid().ToString("N"), clientId: "burst-" + Guid.NewGuid().ToString("N"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            var gateway = i % 2 == 0 ? first : second;
            using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }").WithToken(token));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("RATE_LIMITED", (await response.ReadJsonAsync()).FirstErrorCode());
                var retryAfter = int.Parse(response.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 1, 10);
            }
        }

        // Ten at once (the burst) across both instances together, then refused on both.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)), statuses);

        // Another client is not affected, and both instances stay healthy.
        var other = TestTokenIssuer.Default.CreateToken("partner", subject: "other-" + Guid.NewGuid().ToString("N"), clientId: "other-" + Guid.NewGuid().ToString("N"));
        using var otherResponse = await second.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }").WithToken(other));
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Without_redis_each_instance_counts_alone_and_a_batch_counts_each_operation()
    {
        await using var gateway = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: Limited(redis: false));
        var token = TestTokenIssuer.Default.CreateToken("agent", subject: "agent-" + Guid.NewGuid().ToString("N"));
        var batch = "[" + string.Join(',', Enumerable.Repeat("""{"query":"{ hello }"}""", 8)) + "]";

        using var eight = await gateway.Client.SendAsync(GraphQLHttp.Post(batch).WithToken(token));
        using var threeMore = await gateway.Client.SendAsync(GraphQLHttp.Post("[" + string.Join(',', Enumerable.Repeat("""{"query":"{ hello }"}""", 3)) + "]").WithToken(token));
        using var two = await gateway.Client.SendAsync(GraphQLHttp.Post("[" + string.Join(',', Enumerable.Repeat("""{"query":"{ hello }"}""", 2)) + "]").WithToken(token));

        Assert.Equal(HttpStatusCode.OK, eight.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, threeMore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_counted_by_address()
    {
        await using var gateway = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: new Dictionary<string, string?>(Limited(redis: false))
        {
            ["Gateway:RateLimit:Roles:anonymous:Burst"] = "2",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // A caller with a token is another client.
        using var withToken = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }").AsAgent());
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }
}

/// <summary>The limiter when its store fails: requests pass (the graph stays up) and the failure is logged, not once per request.</summary>
public sealed class RateLimiterFailureTests
{
    [Fact]
    public async Task A_failing_store_lets_requests_through_and_logs_one_warning_per_interval()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var limiter = new GatewayRateLimiter(
            new FailingStore(),
            new StaticOptions(new RateLimitOptions()),
            clock,
            factory.CreateLogger<GatewayRateLimiter>());
        var client = new RateLimitClient("anonymous", null, null, IPAddress.Loopback);

        for (var i = 0; i < 50; i++)
        {
            Assert.True((await limiter.AcquireAsync(client, 1, CancellationToken.None)).Allowed);
        }

        Assert.Single(logs.Logs, entry => entry.Message.Contains("rate-limit store failed", StringComparison.Ordinal));
    }

    private sealed class FailingStore : IRateLimitStore
    {
        public ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, int permits, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Redis is down");
    }

    private sealed class StaticOptions(RateLimitOptions value) : IOptionsMonitor<RateLimitOptions>
    {
        public RateLimitOptions CurrentValue => value;

        public RateLimitOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RateLimitOptions, string?> listener) => null;
    }
}
