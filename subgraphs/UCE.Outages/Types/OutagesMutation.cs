using GraphQL;
using GraphQL.DataLoader;
using UCE.Subgraphs.Hosting.DataLoading;
using GraphQL.Types;
using UCE.Outages.Events;
using Microsoft.Extensions.DependencyInjection;
using UCE.Outages.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Outages.Types;

/// <summary>The outages subgraph's mutations.</summary>
public sealed class OutagesMutation : ObjectGraphType
{
    public OutagesMutation()
    {
        Name = "Mutation";

        Field<ReportOutagePayloadType>("reportOutage")
            .Description("Reports that a service location has no power: the report joins the active outage covering the location or opens a new one.")
            .Argument<NonNullGraphType<ReportOutageInputType>>("input")
            .Authorize(Access.Roles("anonymous callers (with contact details)", CallerRole.Anonymous)
                .Or(Access.CustomerOwning("the service location", LocationOwner)))
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<ReportOutageInput>("input");
                var reporting = context.Service<OutageReporting>();
                return await reporting.ReportAsync(input, context.Caller(), context.CancellationToken);
            });

        Field<UpdateOutageStatusPayloadType>("updateOutageStatus")
            .Description("Moves an outage to a later status and/or gives it a new restoration estimate, through the same path as a grid event.")
            .Argument<NonNullGraphType<UpdateOutageStatusInputType>>("input")
            .Authorize(Access.Staff.Or(Access.Service(AccessScopes.OutagesWrite)))
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<UpdateOutageStatusInput>("input");
                return await context.Service<OutageStatusUpdates>().UpdateAsync(input, context.Caller(), context.CancellationToken);
            });
    }

    private static IDataLoaderResult<string?> LocationOwner(AccessRequest request) =>
        request.Services.GetRequiredService<GridConnectionByLocationLoader>()
            .LoadAsync(request.Field!.GetArgument<ReportOutageInput>("input").ServiceLocationId?.Trim() ?? "")
            .Then(connection => connection?.CustomerId);
}
