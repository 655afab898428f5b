using GraphQL.Types;
using UCE.Outages.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Outages.Types;

/// <summary>The customers subgraph's <c>Customer</c> entity, extended with the outages at their premises.</summary>
public sealed class CustomerType : CustomerExtensionType
{
    public CustomerType()
    {
        Field<NonNullGraphType<IntGraphType>>("activeOutageCount")
            .Description("Outages not yet restored that affect one of the customer's service locations.")
            .Resolve(context => context.Service<ActiveOutageCountByCustomerLoader>().LoadAsync(context.Source.Id));

        // A customer without a grid connection here has no outage.
        ResolveAnyCustomer();
    }
}
