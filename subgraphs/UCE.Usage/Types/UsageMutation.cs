using GraphQL;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Usage.Types;

/// <summary>The usage subgraph's mutations.</summary>
public sealed class UsageMutation : ObjectGraphType
{
    public UsageMutation()
    {
        Name = "Mutation";
        Field<RecordMeterReadingsPayloadType>("recordMeterReadings")
            .Description("Records daily reads of a meter (the meter data system, a service with usage:write); raises the month's high-usage event when they make it cross the threshold.")
            .Argument<NonNullGraphType<RecordMeterReadingsInputType>>("input")
            .Authorize(Access.Service(AccessScopes.UsageWrite))
            .ResolveAsync(async context =>
                await context.Service<MeterReadingRecorder>().RecordAsync(
                    context.GetArgument<RecordMeterReadingsInput>("input"), context.CancellationToken));
    }
}
