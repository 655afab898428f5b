using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Usage.Data;

/// <summary>
/// Generates meter data for the customers of a <see cref="DemoGraph"/>, deterministically per
/// customer: daily reads from the start of the month a year before <see cref="ReadThrough"/> up to
/// it (13 monthly blocks), and 15-minute intervals for the last <see cref="IntervalDays"/> days.
/// </summary>
public static class UsageSeed
{
    /// <summary>The last day the meters have read as of <paramref name="asOf"/>: the day before, the last complete one.</summary>
    public static DateOnly ReadThrough(DateOnly asOf) => asOf.AddDays(-1);

    /// <summary>Days of 15-minute interval data per meter, ending on <see cref="ReadThrough"/>.</summary>
    public const int IntervalDays = 7;

    /// <summary>Share of customers whose current month runs well above the previous one (they get the high-usage flag).</summary>
    public const double HighUsageShare = 0.2;

    public static UsageSeedRows Generate(DemoGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var rows = new UsageSeedRows();
        var readThrough = ReadThrough(graph.AsOf);
        var firstMonth = new DateOnly(readThrough.Year, readThrough.Month, 1).AddMonths(-12);
        var currentMonth = new DateOnly(readThrough.Year, readThrough.Month, 1);
        var firstIntervalDay = readThrough.AddDays(1 - IntervalDays);
        foreach (var customer in graph.Customers())
        {
            var random = DemoGraph.RandomFor("usage", customer.Index);
            var meter = new Meter
            {
                Id = customer.Location.MeterId,
                LocationId = customer.Location.Id,
                CustomerId = customer.Id,
                RatePerKwh = Meter.TariffPerKwh(customer.Commercial),
                Currency = "USD",
                ReadThrough = readThrough,
            };
            rows.Meters.Add(meter);
            rows.Accounts.AddRange(customer.Accounts.Select(a => new MeteredAccount { AccountId = a.Id, MeterId = meter.Id }));
            if (customer.Index <= UsageConsent.DemoConsentingCustomers)
            {
                rows.Consents.Add(new UsageConsent { CustomerId = customer.Id, ClientId = UsageConsent.DemoPartnerClientId, GrantedAt = graph.Now.AddDays(-30) });
            }

            var baseDailyWh = (customer.Commercial ? 160_000 : 24_000) * (0.7 + (random.NextDouble() * 0.6));
            var surge = random.NextDouble() < HighUsageShare ? 1.4 + (random.NextDouble() * 0.3) : 1.0;
            for (var month = firstMonth; month <= currentMonth; month = month.AddMonths(1))
            {
                var lastDay = month == currentMonth ? readThrough.Day : DateTime.DaysInMonth(month.Year, month.Month);
                var daily = new int[lastDay];
                for (var i = 0; i < lastDay; i++)
                {
                    var day = month.AddDays(i);
                    var factor = Seasonal(day.Month) * Weekly(day.DayOfWeek, customer.Commercial) * (0.85 + (random.NextDouble() * 0.3));
                    if (month == currentMonth)
                    {
                        // The month to date keeps the previous month's seasonal level, so that only a surge flags high
                        // usage whatever month the demo is written in.
                        factor *= surge * Seasonal(month.AddMonths(-1).Month) / Seasonal(day.Month);
                    }

                    daily[i] = (int)Math.Round(baseDailyWh * factor);
                    if (day >= firstIntervalDay)
                    {
                        rows.Intervals.Add(new IntervalReadBlock
                        {
                            MeterId = meter.Id,
                            Day = day,
                            QuarterHourWh = SpreadOverDay(daily[i], customer.Commercial, random),
                        });
                    }
                }

                rows.DailyReads.Add(new DailyReadBlock { MeterId = meter.Id, MonthStart = month, DailyWh = daily });
            }
        }

        return rows;
    }

    private static double Seasonal(int month) => month switch
    {
        6 or 7 or 8 => 1.45,
        12 or 1 or 2 => 1.25,
        5 or 9 => 1.1,
        _ => 1.0,
    };

    private static double Weekly(DayOfWeek day, bool commercial) =>
        (day is DayOfWeek.Saturday or DayOfWeek.Sunday) == commercial ? 0.75 : 1.0;

    /// <summary>Splits a day's watt-hours over 96 quarter hours along a load shape; the parts add up exactly.</summary>
    private static int[] SpreadOverDay(int dayWh, bool commercial, Random random)
    {
        var weights = new double[IntervalReadBlock.IntervalsPerDay];
        for (var q = 0; q < weights.Length; q++)
        {
            var hour = q / 4.0;
            var shape = commercial
                ? (hour is >= 8 and < 18 ? 2.5 : 0.8)
                : 0.6 + (hour is >= 6.5 and < 9 ? 1.2 : 0) + (hour is >= 17 and < 22 ? 1.8 : 0);
            weights[q] = shape * (0.8 + (random.NextDouble() * 0.4));
        }

        var total = weights.Sum();
        var values = new int[weights.Length];
        var assigned = 0;
        for (var q = 0; q < values.Length; q++)
        {
            values[q] = (int)Math.Floor(dayWh * weights[q] / total);
            assigned += values[q];
        }

        // Rounding leaves a few watt-hours; give them to the evening peak so the day still adds up.
        values[19 * 4] += dayWh - assigned;
        return values;
    }
}

/// <summary>The rows one seed chunk inserts.</summary>
public sealed class UsageSeedRows
{
    public List<Meter> Meters { get; } = [];

    public List<MeteredAccount> Accounts { get; } = [];

    public List<UsageConsent> Consents { get; } = [];

    public List<DailyReadBlock> DailyReads { get; } = [];

    public List<IntervalReadBlock> Intervals { get; } = [];
}
