using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Outages.Types;

/// <summary>
/// The outages subgraph's subscriptions, fed by the change channel so that every instance sees every change. Each event
/// delivers the outage as committed after the change (status, estimate, locations).
/// </summary>
public sealed class OutagesSubscription : ObjectGraphType
{
    public OutagesSubscription()
    {
        Name = "Subscription";

        Field<OutageType>("outageStatusChanged")
            .Description("Every change of one outage: status steps, restoration estimates, locations added or removed.")
            .Argument<NonNullGraphType<IdGraphType>>("outageId")
            .AllowPublicOutageData()
            .Resolve(context => context.Source)
            .ResolveStream(context =>
            {
                var outageId = context.GetArgument<string>("outageId");
                return context.Service<OutageChangeFeed>().Observe(change => change.OutageId == outageId);
            });

        Field<OutageType>("outagesInArea")
            .Description("Every change of the outages in one operating area (an outage's areaName, case-insensitive).")
            .Argument<NonNullGraphType<StringGraphType>>("area")
            .AllowPublicOutageData()
            .Resolve(context => context.Source)
            .ResolveStream(context =>
            {
                var area = context.GetArgument<string>("area").Trim();
                return context.Service<OutageChangeFeed>().Observe(change => string.Equals(change.AreaName, area, StringComparison.OrdinalIgnoreCase));
            });

        Field<OutageType>("myOutageUpdates")
            .Description("Every change of an outage that affects, or stops affecting, one of the signed-in customer's service locations.")
            .Authorize(Access.Roles("customers (their own service locations)", CallerRole.Customer))
            .Resolve(context => context.Source)
            .ResolveStreamAsync(async context =>
            {
                var customerId = context.Caller().CustomerId ?? "";
                await using var db = await context.Service<IDbContextFactory<OutagesDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var locations = (await db.GridConnections.AsNoTracking()
                    .Where(c => c.CustomerId == customerId)
                    .Select(c => c.LocationId)
                    .ToListAsync(context.CancellationToken)).ToHashSet(StringComparer.Ordinal);
                return context.Service<OutageChangeFeed>().Observe(change => change.Touches(locations));
            });
    }
}
