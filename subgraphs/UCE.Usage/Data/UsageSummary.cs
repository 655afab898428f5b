namespace UCE.Usage.Data;

/// <summary>Energy used over whole days [<see cref="Start"/>, <see cref="End"/>] (inclusive).</summary>
public sealed record UsagePeriodTotal(DateOnly Start, DateOnly End, int DaysRead, long Wh)
{
    /// <summary>Average watt-hours per day read; what the comparison uses, so a month to date compares fairly with a full month.</summary>
    public double AverageDailyWh => DaysRead == 0 ? 0 : (double)Wh / DaysRead;
}

/// <summary>
/// The latest period of a meter against the one before it. High usage: the current period's
/// average daily use is more than <see cref="HighUsageThreshold"/> above the previous period's.
/// </summary>
public sealed record UsageSummary(Meter Meter, UsageSummaryPeriod Period, UsagePeriodTotal Current, UsagePeriodTotal Previous)
{
    /// <summary>30 % above the previous period's daily average.</summary>
    public const double HighUsageThreshold = 0.30;

    /// <summary>Percentage change of the daily average; null when the previous period has no reads.</summary>
    public double? ChangePercent => Previous.AverageDailyWh > 0
        ? Math.Round((Current.AverageDailyWh - Previous.AverageDailyWh) / Previous.AverageDailyWh * 100, 1)
        : null;

    public bool HighUsage => Previous.AverageDailyWh > 0 && Current.AverageDailyWh > Previous.AverageDailyWh * (1 + HighUsageThreshold);

    /// <summary>The days of the current and previous period for a meter read through <paramref name="readThrough"/>.</summary>
    public static ((DateOnly Start, DateOnly End) Current, (DateOnly Start, DateOnly End) Previous) Periods(DateOnly readThrough, UsageSummaryPeriod period)
    {
        if (period == UsageSummaryPeriod.Day)
        {
            return ((readThrough, readThrough), (readThrough.AddDays(-1), readThrough.AddDays(-1)));
        }

        var monthStart = new DateOnly(readThrough.Year, readThrough.Month, 1);
        return ((monthStart, readThrough), (monthStart.AddMonths(-1), monthStart.AddDays(-1)));
    }

    public static UsageSummary Summarize(Meter meter, UsageSummaryPeriod period, IReadOnlyList<DailyReadBlock> blocks)
    {
        var (current, previous) = Periods(meter.ReadThrough, period);
        return new UsageSummary(meter, period, Total(blocks, current), Total(blocks, previous));
    }

    private static UsagePeriodTotal Total(IReadOnlyList<DailyReadBlock> blocks, (DateOnly Start, DateOnly End) days)
    {
        var read = blocks.SelectMany(b => b.Days(days.Start, days.End)).ToList();
        return new UsagePeriodTotal(days.Start, days.End, read.Count, read.Sum(d => (long)d.Wh));
    }
}

/// <summary>Turns energy into an estimated charge at the meter's tariff.</summary>
public static class CostEstimate
{
    public static double For(Meter meter, long wh) => (double)Math.Round(wh / 1000m * meter.RatePerKwh, 2);
}
