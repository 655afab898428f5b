using GraphQL.Federation;
using GraphQL.Types;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Subgraphs.Hosting.GraphTypes;

/// <summary>
/// The customers subgraph's <c>Customer</c> entity as another subgraph extends it: keyed by <c>id</c>, readable by the
/// customer, agents and supervisors, with its <c>id</c>; the subgraph adds its fields and how it resolves a reference.
/// </summary>
public abstract class CustomerExtensionType : ObjectGraphType<CustomerReference>
{
    protected CustomerExtensionType()
    {
        Name = "Customer";
        this.Key("id");
        this.Authorize(Access.CustomerData<CustomerReference>(customer => customer.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
    }

    /// <summary>Resolves every representation that has an id: for a subgraph where a customer without rows simply has nothing.</summary>
    protected void ResolveAnyCustomer() =>
        this.ResolveReference<EntityKey, CustomerReference>((_, key) => new CustomerReference(key.RequireId("Customer")));
}
