using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Usage.DataLoaders;

namespace UCE.Usage.Types;

/// <summary>Root query fields of the usage subgraph.</summary>
public sealed class UsageQuery : ObjectGraphType
{
    public UsageQuery()
    {
        Name = "Query";
        Field<UsageSeriesType>("meterUsage")
            .Description("Energy a meter recorded over a range; an unknown meter is an error with code METER_NOT_FOUND.")
            .Argument<NonNullGraphType<StringGraphType>>("meterId")
            .WithWindowArguments()
            .Authorize(UsageAccess.Owning("the meter", MeterOwner))
            .Resolve(ctx =>
            {
                var window = UsageFields.ReadWindow(ctx);
                var meterId = ctx.GetArgument<string>("meterId");
                var loadSeries = UsageFields.SeriesLoader(ctx, window);

                // The series loads once the meter is known, still batched with every other meterUsage of the request.
                return ctx.Service<MeterByIdLoader>().LoadAsync(meterId)
                    .Then(meter => meter is null ? throw UsageErrors.MeterNotFound(meterId) : loadSeries(meter));
            });
    }

    private static IDataLoaderResult<string?> MeterOwner(AccessRequest request) =>
        request.Services.GetRequiredService<MeterByIdLoader>().LoadAsync(request.Field!.GetArgument<string>("meterId")).Then(meter => meter?.CustomerId);
}
