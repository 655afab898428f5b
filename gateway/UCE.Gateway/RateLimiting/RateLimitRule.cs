namespace UCE.Gateway.RateLimiting;

/// <summary>
/// How many operations a client may send: <see cref="PermitsPerMinute"/> on average, up to <see cref="Burst"/> at once.
/// Enforced as a generic cell rate algorithm: each operation moves the client's "theoretical arrival time" forward by
/// one emission interval (a minute over the rate); an operation is refused when that time would run further ahead of
/// now than the burst allows, and the refusal says exactly how long to wait.
/// </summary>
public sealed record RateLimitRule(int PermitsPerMinute, int Burst)
{
    /// <summary>The time one operation costs; at least a microsecond, the unit both stores count in.</summary>
    public TimeSpan EmissionInterval => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMicrosecond, TimeSpan.TicksPerMinute / Math.Max(PermitsPerMinute, 1)));

    /// <summary>How far ahead of now the arrival time may run: <see cref="Burst"/> operations' worth.</summary>
    public TimeSpan Tolerance => EmissionInterval * Math.Max(Burst, 1);
}

/// <summary>The answer to one acquisition.</summary>
/// <param name="Allowed">True when the operations may run.</param>
/// <param name="RetryAfter">When refused, how long until they would be allowed.</param>
/// <param name="Remaining">When allowed, how many more operations may be sent at once.</param>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter, int Remaining);
