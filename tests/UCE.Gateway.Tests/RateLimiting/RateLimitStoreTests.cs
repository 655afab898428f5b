using UCE.Gateway.RateLimiting;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.RateLimiting;

/// <summary>One suite, run against Redis and against the in-process stand-in: they must decide alike.</summary>
public sealed class RateLimitStoreTests
{
    public static TheoryData<string> Stores => new() { "redis", "memory" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_client_gets_its_burst_then_is_refused_with_the_wait_until_the_next_permit(string kind)
    {
        var store = Create(kind);
        var rule = new RateLimitRule(PermitsPerMinute: 6, Burst: 3);
        var key = UniqueKey();

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await store.AcquireAsync(key, rule, 1, CancellationToken.None));
        }

        Assert.Equal([true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal([2, 1, 0], decisions.Take(3).Select(d => d.Remaining));
        // One permit every 10 s: the refusal names a wait of at most one interval, and more than nothing.
        Assert.InRange(decisions[3].RetryAfter, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Clients_are_counted_apart(string kind)
    {
        var store = Create(kind);
        var rule = new RateLimitRule(PermitsPerMinute: 1, Burst: 1);
        var first = UniqueKey();
        var second = UniqueKey();

        Assert.True((await store.AcquireAsync(first, rule, 1, CancellationToken.None)).Allowed);
        Assert.False((await store.AcquireAsync(first, rule, 1, CancellationToken.None)).Allowed);
        Assert.True((await store.AcquireAsync(second, rule, 1, CancellationToken.None)).Allowed);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_takes_one_permit_per_operation_and_a_batch_larger_than_the_burst_is_refused_whole(string kind)
    {
        var store = Create(kind);
        var rule = new RateLimitRule(PermitsPerMinute: 60, Burst: 5);
        var key = UniqueKey();

        var tooLarge = await store.AcquireAsync(key, rule, 6, CancellationToken.None);
        var fits = await store.AcquireAsync(key, rule, 4, CancellationToken.None);
        var over = await store.AcquireAsync(key, rule, 2, CancellationToken.None);

        Assert.False(tooLarge.Allowed);
        Assert.True(fits.Allowed);
        Assert.Equal(1, fits.Remaining);
        Assert.False(over.Allowed);
        Assert.True((await store.AcquireAsync(key, rule, 1, CancellationToken.None)).Allowed);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_refused_client_is_allowed_again_once_a_permit_has_accrued(string kind)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var store = Create(kind, clock);
        // One permit per 5 ms: real time moves Redis's clock, the manual clock moves the stand-in's.
        var rule = new RateLimitRule(PermitsPerMinute: 12_000, Burst: 1);
        var key = UniqueKey();

        Assert.True((await store.AcquireAsync(key, rule, 1, CancellationToken.None)).Allowed);
        var refused = await store.AcquireAsync(key, rule, 1, CancellationToken.None);
        Assert.True(refused.Allowed || refused.RetryAfter <= TimeSpan.FromMilliseconds(5));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        RateLimitDecision again;
        do
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            again = await store.AcquireAsync(key, rule, 1, deadline.Token);
        }
        while (!again.Allowed);

        Assert.True(again.Allowed);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_rate_above_one_permit_per_microsecond_counts_as_one_per_microsecond(string kind)
    {
        var store = Create(kind);
        var rule = new RateLimitRule(PermitsPerMinute: 100_000_000, Burst: 1_000_000);

        var decision = await store.AcquireAsync(UniqueKey(), rule, 1, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.Equal(TimeSpan.FromMicroseconds(1), rule.EmissionInterval);
        Assert.Equal(999_999, decision.Remaining);
    }

    [Fact]
    public async Task The_stand_in_forgets_clients_whose_burst_is_whole_again()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var store = new InMemoryRateLimitStore(clock);
        var rule = new RateLimitRule(PermitsPerMinute: 60, Burst: 10);
        for (var i = 0; i < 5000; i++)
        {
            await store.AcquireAsync("client-" + i, rule, 1, CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 5000; i++)
        {
            await store.AcquireAsync("later-" + i, rule, 1, CancellationToken.None);
        }

        Assert.True(store.Count < 10_000, $"{store.Count} entries kept");
    }

    private static IRateLimitStore Create(string kind, TimeProvider? clock = null) => kind switch
    {
        "redis" => new RedisRateLimitStore(TestRedis.Connection, "uce:test:ratelimit:"),
        _ => new InMemoryRateLimitStore(clock ?? TimeProvider.System),
    };

    private static string UniqueKey() => Guid.NewGuid().ToString("N");
}
