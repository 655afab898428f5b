namespace UCE.Usage.Data;

/// <summary>
/// A requested usage range [<see cref="From"/>, <see cref="To"/>) in UTC at one granularity. Points
/// are aligned to the granularity (quarter hours, hours, UTC days, UTC months); the series holds the
/// points whose start is at or after <see cref="From"/> rounded down, and before <see cref="To"/>.
/// </summary>
public sealed record UsageWindow(DateTime From, DateTime To, UsageGranularity Granularity)
{
    /// <summary>The longest range a granularity may ask for, so one query never returns more than a few hundred to a thousand points.</summary>
    public static TimeSpan MaxSpan(UsageGranularity granularity) => granularity switch
    {
        UsageGranularity.QuarterHour => TimeSpan.FromDays(7),
        UsageGranularity.Hour => TimeSpan.FromDays(31),
        UsageGranularity.Day => TimeSpan.FromDays(366),
        _ => TimeSpan.FromDays(3 * 366),
    };

    public DateTime AlignedFrom => Align(From, Granularity);

    /// <summary>The first and last UTC day the window touches.</summary>
    public (DateOnly First, DateOnly Last) Days =>
        (DateOnly.FromDateTime(AlignedFrom), DateOnly.FromDateTime(To.AddTicks(-1)));

    /// <summary>The first days of the first and last month the window touches.</summary>
    public (DateOnly First, DateOnly Last) Months
    {
        get
        {
            var (first, last) = Days;
            return (new DateOnly(first.Year, first.Month, 1), new DateOnly(last.Year, last.Month, 1));
        }
    }

    /// <summary>Reads a client's instant as UTC; an instant without offset is taken as UTC already.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static DateTime Align(DateTime value, UsageGranularity granularity) => granularity switch
    {
        UsageGranularity.QuarterHour => new DateTime(value.Ticks - (value.Ticks % IntervalReadBlock.Interval.Ticks), DateTimeKind.Utc),
        UsageGranularity.Hour => new DateTime(value.Year, value.Month, value.Day, value.Hour, 0, 0, DateTimeKind.Utc),
        UsageGranularity.Day => new DateTime(value.Year, value.Month, value.Day, 0, 0, 0, DateTimeKind.Utc),
        _ => new DateTime(value.Year, value.Month, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}
