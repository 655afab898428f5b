namespace UCE.Gateway.RateLimiting;

/// <summary>
/// The rate-limit state in this process (the embedded default, or a gateway without Redis): the same algorithm as
/// <see cref="RedisRateLimitStore"/>, but each instance counts alone. Idle clients are swept so memory stays bounded.
/// </summary>
public sealed class InMemoryRateLimitStore(TimeProvider clock) : IRateLimitStore
{
    private const int SweepEvery = 4096;

    private readonly Dictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _sinceSweep;

    /// <summary>Clients with state right now (tests watch the sweep).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    public ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitRule rule, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rule);
        var now = clock.GetUtcNow().UtcTicks / 10;
        lock (_gate)
        {
            if (++_sinceSweep >= SweepEvery)
            {
                _sinceSweep = 0;
                Sweep(now);
            }

            var (newTat, decision) = CellRate.Decide(_arrivals.GetValueOrDefault(key), now, rule, permits);
            if (decision.Allowed)
            {
                _arrivals[key] = newTat;
            }

            return ValueTask.FromResult(decision);
        }
    }

    // An arrival time in the past means the client has its whole burst back: its entry says nothing any more.
    private void Sweep(long now)
    {
        foreach (var (key, tat) in _arrivals)
        {
            if (tat <= now)
            {
                _arrivals.Remove(key);
            }
        }
    }
}
