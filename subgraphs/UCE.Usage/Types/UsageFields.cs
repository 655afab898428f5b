using GraphQL;
using GraphQL.Builders;
using GraphQL.DataLoader;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.Data;
using UCE.Usage.DataLoaders;

namespace UCE.Usage.Types;

/// <summary>The usage fields several types share: a series over a window, and a summary.</summary>
public static class UsageFields
{
    /// <summary>Adds the <c>from</c>, <c>to</c> and <c>granularity</c> arguments.</summary>
    public static FieldBuilder<TSource, object> WithWindowArguments<TSource>(this FieldBuilder<TSource, object> field) =>
        field
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the range (inclusive), ISO-8601; without an offset it is UTC.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the range (exclusive); the span is bounded per granularity: 7 days of QUARTER_HOUR, 31 of HOUR, 366 of DAY, about 3 years of MONTH.")
            .Argument<NonNullGraphType<UsageGranularityType>>("granularity");

    /// <summary>Reads and checks the window arguments before anything is loaded.</summary>
    public static UsageWindow ReadWindow(IResolveFieldContext context)
    {
        var from = UsageWindow.ToUtc(context.GetArgument<DateTime>("from"));
        var to = UsageWindow.ToUtc(context.GetArgument<DateTime>("to"));
        var granularity = context.GetArgument<UsageGranularity>("granularity");
        if (from >= to)
        {
            throw UsageErrors.RangeInvalid();
        }

        if (to - from > UsageWindow.MaxSpan(granularity))
        {
            throw UsageErrors.RangeTooLarge(granularity);
        }

        return new UsageWindow(from, to, granularity);
    }

    /// <summary>The series of <paramref name="meter"/> over <paramref name="window"/>, batched with every other meter of the level.</summary>
    public static IDataLoaderResult<UsageSeries> LoadSeries(IResolveFieldContext context, Meter meter, UsageWindow window) =>
        SeriesLoader(context, window)(meter);

    /// <summary>
    /// Takes the request's loaders now and returns what loads a meter's series later, so a caller that first has to
    /// load the meter does not hold on to the resolve context (GraphQL.NET reuses it once the resolver returns).
    /// </summary>
    public static Func<Meter, IDataLoaderResult<UsageSeries>> SeriesLoader(IResolveFieldContext context, UsageWindow window)
    {
        if (window.Granularity is UsageGranularity.QuarterHour or UsageGranularity.Hour)
        {
            var intervals = context.Service<IntervalReadsLoader>();
            var (first, last) = window.Days;
            return meter => intervals
                .LoadAsync(new IntervalReadsKey(meter.Id, first, last))
                .Then(blocks => UsageSeries.FromIntervals(meter, window, blocks));
        }

        var daily = context.Service<DailyReadsLoader>();
        var (firstMonth, lastMonth) = window.Months;
        return meter => daily
            .LoadAsync(new DailyReadsKey(meter.Id, firstMonth, lastMonth))
            .Then(blocks => UsageSeries.FromDaily(meter, window, blocks));
    }

    /// <summary>The summary of <paramref name="meter"/>, batched with every other meter of the level.</summary>
    public static IDataLoaderResult<UsageSummary> LoadSummary(IResolveFieldContext context, Meter meter)
    {
        var period = context.GetArgument("period", UsageSummaryPeriod.Month);
        var (current, previous) = UsageSummary.Periods(meter.ReadThrough, period);
        var key = new DailyReadsKey(
            meter.Id,
            new DateOnly(previous.Start.Year, previous.Start.Month, 1),
            new DateOnly(current.End.Year, current.End.Month, 1));
        return context.Service<DailyReadsLoader>().LoadAsync(key).Then(blocks => UsageSummary.Summarize(meter, period, blocks));
    }
}
