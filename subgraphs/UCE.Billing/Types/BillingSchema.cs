using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace UCE.Billing.Types;

/// <summary>The billing subgraph's schema.</summary>
public sealed class BillingSchema : Schema
{
    public BillingSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<BillingQuery>();
        Mutation = services.GetRequiredService<BillingMutation>();

        // Reached only through _entities: the gateway asks billing for a customer's overdue balance.
        RegisterType(typeof(CustomerType));
    }
}
