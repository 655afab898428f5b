namespace UCE.Usage.Data;

/// <summary>Energy used in [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record UsagePoint(DateTime Start, DateTime End, long Wh);

/// <summary>A meter's usage over a window, point by point.</summary>
public sealed record UsageSeries(Meter Meter, UsageWindow Window, IReadOnlyList<UsagePoint> Points)
{
    public long TotalWh => Points.Sum(p => p.Wh);

    /// <summary>Builds quarter-hour or hour points from interval blocks.</summary>
    public static UsageSeries FromIntervals(Meter meter, UsageWindow window, IEnumerable<IntervalReadBlock> blocks)
    {
        var from = window.AlignedFrom;
        var step = window.Granularity == UsageGranularity.Hour ? TimeSpan.FromHours(1) : IntervalReadBlock.Interval;
        var perPoint = (int)(step / IntervalReadBlock.Interval);
        var points = new List<UsagePoint>();
        foreach (var block in blocks.OrderBy(b => b.Day))
        {
            var dayStart = block.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            for (var q = 0; q + perPoint <= block.QuarterHourWh.Length; q += perPoint)
            {
                var start = dayStart + (IntervalReadBlock.Interval * q);
                if (start < from || start >= window.To)
                {
                    continue;
                }

                long wh = 0;
                for (var i = q; i < q + perPoint; i++)
                {
                    wh += block.QuarterHourWh[i];
                }

                points.Add(new UsagePoint(start, start + step, wh));
            }
        }

        return new UsageSeries(meter, window, points);
    }

    /// <summary>Builds day or month points from daily blocks.</summary>
    public static UsageSeries FromDaily(Meter meter, UsageWindow window, IEnumerable<DailyReadBlock> blocks)
    {
        var (firstDay, lastDay) = window.Days;
        var points = new List<UsagePoint>();
        foreach (var block in blocks.OrderBy(b => b.MonthStart))
        {
            if (window.Granularity == UsageGranularity.Month)
            {
                var start = block.MonthStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                if (start >= window.AlignedFrom && start < window.To && block.DailyWh.Length > 0)
                {
                    points.Add(new UsagePoint(start, start.AddMonths(1), block.DailyWh.Sum(wh => (long)wh)));
                }

                continue;
            }

            foreach (var (day, wh) in block.Days(firstDay, lastDay))
            {
                var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                points.Add(new UsagePoint(start, start.AddDays(1), wh));
            }
        }

        return new UsageSeries(meter, window, points);
    }
}
