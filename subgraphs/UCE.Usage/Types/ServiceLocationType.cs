using GraphQL.Federation;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Usage.Data;
using UCE.Usage.DataLoaders;

namespace UCE.Usage.Types;

/// <summary>The usage fields of the <c>ServiceLocation</c> entity owned by the customers subgraph.</summary>
public sealed class ServiceLocationType : ObjectGraphType<Meter>
{
    public ServiceLocationType()
    {
        Name = "ServiceLocation";
        this.Key("id");
        this.Authorize(UsageAccess.Of<Meter>(meter => meter.CustomerId));
        this.ResolveReference<ServiceLocationReference, Meter>((ctx, reference) => ctx.Service<MeterByLocationLoader>().LoadAsync(reference.Id));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.LocationId);
        Field<NonNullGraphType<StringGraphType>>("meterId")
            .Description("The meter installed at the premise.")
            .Resolve(ctx => ctx.Source.Id)
            .Shareable();
        Field<UsageSeriesType>("usage")
            .Description("Energy used at the location over a range, point by point.")
            .WithWindowArguments()
            .Resolve(ctx => UsageFields.LoadSeries(ctx, ctx.Source, UsageFields.ReadWindow(ctx)));
        Field<UsageSummaryType>("usageSummary")
            .Description("The latest period against the one before it, with the high-usage flag.")
            .Argument<UsageSummaryPeriodType>("period", arg => arg.DefaultValue = UsageSummaryPeriod.Month)
            .Resolve(ctx => UsageFields.LoadSummary(ctx, ctx.Source));
    }
}

/// <summary>A <c>ServiceLocation</c> representation from the gateway.</summary>
public sealed class ServiceLocationReference
{
    public string Id { get; set; } = "";
}
