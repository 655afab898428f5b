using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace UCE.Usage.Types;

/// <summary>The usage subgraph's schema.</summary>
public sealed class UsageSchema : Schema
{
    public UsageSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<UsageQuery>();
        Mutation = services.GetRequiredService<UsageMutation>();

        // The entities this subgraph extends are reached only through _entities, not from Query.
        RegisterType(typeof(ServiceLocationType));
        RegisterType(typeof(AccountType));
    }
}
