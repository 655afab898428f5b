using System.Globalization;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>Writes GraphQL <c>DateTime</c> and <c>Date</c> literals for days relative to the demo set's day.</summary>
public static class IsoUtc
{
    /// <summary><c>2026-11-27T06:00:00Z</c> for 27 November 2026 and hour 6.</summary>
    public static string At(DateOnly day, int hour = 0) =>
        day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-27</c>.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first day of <paramref name="day"/>'s month.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
