using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Outages.DataLoaders;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;
using UCE.Subgraphs.Hosting.Paging;

namespace UCE.Outages.Types;

/// <summary>The customers subgraph's <c>ServiceLocation</c> entity, extended with its outages; known here by its grid connection.</summary>
public sealed class ServiceLocationType : ObjectGraphType<GridConnection>
{
    public ServiceLocationType()
    {
        Name = "ServiceLocation";
        this.Key("id");
        this.Authorize(Access.CustomerData<GridConnection>(connection => connection.CustomerId));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.LocationId);

        Field<OutageType>("currentOutage")
            .Description("The outage in progress at this location; null when it has power.")
            .Resolve(context => context.Service<OutagesByLocationLoader>()
                .LoadAsync(context.Source.LocationId)
                .Then(outages => outages.FirstOrDefault(o => o.IsActive)));

        Field<ListGraphType<NonNullGraphType<OutageType>>>("outageHistory")
            .Description("Outages that hit this location, newest first.")
            .Argument<IntGraphType>("first", argument =>
            {
                argument.DefaultValue = PageSize.Default;
                argument.Description = $"How many outages to return, 1 to {PageSize.Max}.";
            })
            .Resolve(context =>
            {
                var first = PageSize.Read(context, "first");
                return context.Service<OutagesByLocationLoader>()
                    .LoadAsync(context.Source.LocationId)
                    .Then(outages => outages.Take(first));
            });

        this.ResolveReference<EntityKey, GridConnection>((context, key) =>
            context.Service<GridConnectionByLocationLoader>().LoadAsync(key.RequireId("ServiceLocation"))!);
    }
}
