using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Outages.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Paging;

namespace UCE.Outages.Types;

/// <summary>The customers subgraph's <c>ServiceLocation</c> entity, extended with its outages.</summary>
public sealed class ServiceLocationType : ObjectGraphType<ServiceLocationReference>
{
    public ServiceLocationType()
    {
        Name = "ServiceLocation";
        this.Key("id");

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);

        Field<OutageType>("currentOutage")
            .Description("The outage in progress at this location; null when it has power.")
            .Resolve(context => context.Service<OutagesByLocationLoader>()
                .LoadAsync(context.Source.Id)
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
                    .LoadAsync(context.Source.Id)
                    .Then(outages => outages.Take(first));
            });

        this.ResolveReference<EntityKey, ServiceLocationReference>((context, key) =>
            context.Service<GridConnectionByLocationLoader>()
                .LoadAsync(key.RequireId("ServiceLocation"))
                .Then(connection => connection is null ? null : new ServiceLocationReference(connection.LocationId))!);
    }
}
