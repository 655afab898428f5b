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
    }
}
