using GraphQL;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Usage.DataLoaders;

namespace UCE.Usage.Types;

/// <summary>Root query fields of the usage subgraph.</summary>
public sealed class UsageQuery : ObjectGraphType
{
    public UsageQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<UsageSeriesType>>("meterUsage")
            .Description("Energy a meter recorded over a range; an unknown meter is an error with code METER_NOT_FOUND.")
            .Argument<NonNullGraphType<StringGraphType>>("meterId")
            .WithWindowArguments()
            .ResolveAsync(async ctx =>
            {
                var window = UsageFields.ReadWindow(ctx);
                var meterId = ctx.GetArgument<string>("meterId");
                var meter = await ctx.Service<MeterByIdLoader>().LoadAsync(meterId).GetResultAsync(ctx.CancellationToken)
                    ?? throw UsageErrors.MeterNotFound(meterId);
                return await UsageFields.LoadSeries(ctx, meter, window).GetResultAsync(ctx.CancellationToken);
            });
    }
}
