using StackExchange.Redis;

namespace UCE.Gateway.RateLimiting;

/// <summary>
/// The rate-limit state in Redis, so that a client's allowance holds across every gateway instance. One key per client
/// holds its arrival time; one Lua script reads, decides and writes it atomically, with Redis's own clock so that
/// instances whose clocks differ still agree. The key expires when the client has its whole burst back.
/// </summary>
public sealed class RedisRateLimitStore(IConnectionMultiplexer redis, string keyPrefix = "uce:ratelimit:") : IRateLimitStore
{
    // The same arithmetic as CellRate.Decide, in microseconds.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local tolerance = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        local newTat = tat + interval * permits
        local ahead = newTat - now
        if ahead > tolerance then
          return {0, ahead - tolerance, 0}
        end
        -- %.0f: tostring would print a 16-digit number in exponent form and lose microseconds.
        redis.call('SET', KEYS[1], string.format('%.0f', newTat), 'PX', math.ceil(ahead / 1000) + 1)
        return {1, 0, math.floor((tolerance - ahead) / interval)}
        """;

    public async ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rule);
        var database = redis.GetDatabase();
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            Script,
            [new RedisKey(keyPrefix + key)],
            [rule.EmissionInterval.Ticks / 10, rule.Tolerance.Ticks / 10, permits]).ConfigureAwait(false))!;
        var allowed = (long)result[0] == 1;
        return allowed
            ? new RateLimitDecision(true, TimeSpan.Zero, (int)(long)result[2])
            : new RateLimitDecision(false, TimeSpan.FromTicks((long)result[1] * 10), 0);
    }
}
