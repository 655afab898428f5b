using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Outages.Data;
using UCE.Outages.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Outages.Types;

/// <summary>GraphQL type <c>Outage</c>, an entity keyed by id.</summary>
public sealed class OutageType : ObjectGraphType<Outage>
{
    public OutageType()
    {
        Name = "Outage";
        Description = "A loss of supply on a feeder, from the first report until restoration.";
        this.Key("id");
        // Services that move outages may read the ones they moved (the updateOutageStatus payload); root fields still refuse them.
        this.Authorize(Access.PublicData(AccessScopes.OutagesRead).Or(Access.Service(AccessScopes.OutagesWrite)));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<OutageStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<OutageCauseType>>("cause").Resolve(context => context.Source.Cause);
        Field<NonNullGraphType<DateTimeGraphType>>("startedAt").Resolve(context => context.Source.StartedAt);
        Field<DateTimeGraphType>("estimatedRestorationAt")
            .Description("When supply is expected back; null when no estimate has been given.")
            .Resolve(context => context.Source.EstimatedRestorationAt);
        Field<DateTimeGraphType>("restoredAt").Resolve(context => context.Source.RestoredAt);
        Field<NonNullGraphType<StringGraphType>>("areaName").Resolve(context => context.Source.AreaName);
        Field<StringGraphType>("feederName")
            .Description("The feeder that lost supply; for agents, supervisors and partners with outages:read.")
            .Authorize(Access.Staff.Or(Access.Partner(AccessScopes.OutagesRead)))
            .Resolve(context => context.Source.FeederName);
        Field<NonNullGraphType<IntGraphType>>("affectedCustomerCount").Resolve(context => context.Source.AffectedCustomerCount);

        Field<ListGraphType<ServiceLocationType>>("affectedLocations")
            .Description("The premises without supply; for agents and supervisors.")
            .Authorize(Access.Staff)
            .Resolve(context => context.Service<AffectedLocationsByOutageLoader>().LoadAsync(context.Source.Id));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OutageStatusChangeType>>>>("statusHistory")
            .Description("Every status the outage went through, oldest first.")
            .Resolve(context => context.Service<StatusHistoryByOutageLoader>().LoadAsync(context.Source.Id));

        Field<ListGraphType<NonNullGraphType<OutageReportType>>>("reports")
            .Description("The reports filed against the outage, oldest first; for agents and supervisors.")
            .Authorize(Access.Staff)
            .Resolve(context => context.Service<ReportsByOutageLoader>().LoadAsync(context.Source.Id));

        this.ResolveReference<EntityKey, Outage>((context, key) => context.Service<OutageByIdLoader>().LoadAsync(key.RequireId("Outage"))!);
    }
}
