using GraphQL.Types;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Usage.Data;

namespace UCE.Usage.Types;

/// <summary>GraphQL type <c>UsageSummary</c>.</summary>
public sealed class UsageSummaryType : ObjectGraphType<UsageSummary>
{
    public UsageSummaryType()
    {
        Name = "UsageSummary";
        this.Authorize(UsageAccess.Of<UsageSummary>(summary => summary.Meter.CustomerId));
        Description = "The latest period against the previous one. highUsage: the current average daily use is more than 30% above the previous period's.";
        Field<NonNullGraphType<UsageSummaryPeriodType>>("period").Resolve(ctx => ctx.Source.Period);
        Field<NonNullGraphType<UsagePeriodTotalType>>("current").Resolve(ctx => (ctx.Source.Meter, ctx.Source.Current));
        Field<NonNullGraphType<UsagePeriodTotalType>>("previous").Resolve(ctx => (ctx.Source.Meter, ctx.Source.Previous));
        Field<FloatGraphType>("changePercent")
            .Description("Change of the average daily use, in percent; null when the previous period has no reads.")
            .Resolve(ctx => ctx.Source.ChangePercent);
        Field<NonNullGraphType<BooleanGraphType>>("highUsage").Resolve(ctx => ctx.Source.HighUsage);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(ctx => ctx.Source.Meter.Currency);
    }
}

/// <summary>GraphQL type <c>UsagePeriodTotal</c>.</summary>
public sealed class UsagePeriodTotalType : ObjectGraphType<(Meter Meter, UsagePeriodTotal Total)>
{
    public UsagePeriodTotalType()
    {
        Name = "UsagePeriodTotal";
        Description = "Energy used over whole UTC days.";
        Field<NonNullGraphType<DateOnlyGraphType>>("start").Resolve(ctx => ctx.Source.Total.Start);
        Field<NonNullGraphType<DateOnlyGraphType>>("end").Description("Inclusive.").Resolve(ctx => ctx.Source.Total.End);
        Field<NonNullGraphType<IntGraphType>>("daysRead").Resolve(ctx => ctx.Source.Total.DaysRead);
        Field<NonNullGraphType<FloatGraphType>>("kWh").Resolve(ctx => ctx.Source.Total.Wh / 1000.0);
        Field<NonNullGraphType<FloatGraphType>>("averageDailyKWh").Resolve(ctx => Math.Round(ctx.Source.Total.AverageDailyWh / 1000.0, 3));
        Field<NonNullGraphType<FloatGraphType>>("costEstimate").Resolve(ctx => CostEstimate.For(ctx.Source.Meter, ctx.Source.Total.Wh));
    }
}
