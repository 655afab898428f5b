using GraphQL;
using GraphQL.Types;
using UCE.Outages;
using UCE.Subgraphs.Hosting;

namespace UCE.Outages.Types;

/// <summary>The outages subgraph's mutations.</summary>
public sealed class OutagesMutation : ObjectGraphType
{
    public OutagesMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<ReportOutagePayloadType>>("reportOutage")
            .Description("Reports that a service location has no power: the report joins the active outage covering the location or opens a new one.")
            .Argument<NonNullGraphType<ReportOutageInputType>>("input")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<ReportOutageInput>("input");
                var reporting = context.Service<OutageReporting>();
                return await reporting.ReportAsync(input, context.Caller(), context.CancellationToken);
            });
    }
}
