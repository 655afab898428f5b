namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>A clock that always reads the same instant, for hosts whose demo set must be written as of a known day.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>A clock reading <paramref name="hour"/>:<paramref name="minute"/> UTC on <paramref name="day"/>.</summary>
    public FixedClock(DateOnly day, int hour, int minute = 0)
        : this(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
