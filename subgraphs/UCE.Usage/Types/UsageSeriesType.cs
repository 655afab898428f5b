using GraphQL.Types;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Usage.Data;

namespace UCE.Usage.Types;

/// <summary>GraphQL type <c>UsageSeries</c>.</summary>
public sealed class UsageSeriesType : ObjectGraphType<UsageSeries>
{
    public UsageSeriesType()
    {
        Name = "UsageSeries";
        Description = "A meter's usage over a range; only points the meter has read are present.";
        this.Authorize(UsageAccess.Of<UsageSeries>(series => series.Meter.CustomerId));
        Field<NonNullGraphType<StringGraphType>>("meterId").Resolve(ctx => ctx.Source.Meter.Id);
        Field<NonNullGraphType<UsageGranularityType>>("granularity").Resolve(ctx => ctx.Source.Window.Granularity);
        Field<NonNullGraphType<DateTimeGraphType>>("from").Resolve(ctx => ctx.Source.Window.From);
        Field<NonNullGraphType<DateTimeGraphType>>("to").Resolve(ctx => ctx.Source.Window.To);
        Field<NonNullGraphType<FloatGraphType>>("totalKWh").Resolve(ctx => ctx.Source.TotalWh / 1000.0);
        Field<NonNullGraphType<FloatGraphType>>("costEstimate")
            .Description("Estimated charge for the total at the meter's energy rate, before taxes and fixed charges.")
            .Resolve(ctx => CostEstimate.For(ctx.Source.Meter, ctx.Source.TotalWh));
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(ctx => ctx.Source.Meter.Currency);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UsagePointType>>>>("points").Resolve(ctx => ctx.Source.Points);
    }
}

/// <summary>GraphQL type <c>UsagePoint</c>.</summary>
public sealed class UsagePointType : ObjectGraphType<UsagePoint>
{
    public UsagePointType()
    {
        Name = "UsagePoint";
        Field<NonNullGraphType<DateTimeGraphType>>("start").Resolve(ctx => ctx.Source.Start);
        Field<NonNullGraphType<DateTimeGraphType>>("end").Description("Exclusive.").Resolve(ctx => ctx.Source.End);
        Field<NonNullGraphType<FloatGraphType>>("kWh").Resolve(ctx => ctx.Source.Wh / 1000.0);
    }
}
