namespace UCE.Gateway.RateLimiting;

/// <summary>
/// Where the clients' rate-limit state lives: Redis (<see cref="RedisRateLimitStore"/>), shared by every gateway instance,
/// or this process's memory (<see cref="InMemoryRateLimitStore"/>) in the embedded default. Both implement the same algorithm.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Takes <paramref name="permits"/> operations from <paramref name="key"/>'s allowance under <paramref name="rule"/>, or refuses.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, int permits, CancellationToken cancellationToken);
}

/// <summary>The arithmetic both stores share, in microseconds so that it is exact in Lua's doubles too.</summary>
internal static class CellRate
{
    /// <summary>The new arrival time and the decision, from the stored arrival time <paramref name="storedTat"/> (0 when none).</summary>
    public static (long NewTat, RateLimitDecision Decision) Decide(long storedTat, long now, RateLimitRule rule, int permits)
    {
        var interval = rule.EmissionInterval.Ticks / 10;
        var tolerance = rule.Tolerance.Ticks / 10;
        var tat = Math.Max(storedTat, now);
        var newTat = tat + (interval * permits);
        var ahead = newTat - now;
        if (ahead > tolerance)
        {
            return (storedTat, new RateLimitDecision(false, TimeSpan.FromTicks((ahead - tolerance) * 10), 0));
        }

        return (newTat, new RateLimitDecision(true, TimeSpan.Zero, (int)((tolerance - ahead) / interval)));
    }
}
