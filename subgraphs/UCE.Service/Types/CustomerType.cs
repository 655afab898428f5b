using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Service.Types;

/// <summary>The customers subgraph's <c>Customer</c> entity, extended with cases.</summary>
public sealed class CustomerType : ObjectGraphType<CustomerReference>
{
    public CustomerType()
    {
        Name = "Customer";
        this.Key("id");
        this.Authorize(Access.CustomerData<CustomerReference>(customer => customer.Id));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<ListGraphType<NonNullGraphType<CaseType>>>("cases")
            .Description("Every case of the customer, newest first.")
            .Resolve(context => context.Service<CasesByCustomerLoader>().LoadAsync(context.Source.Id));

        this.ResolveReference<EntityKey, CustomerReference>((context, key) =>
            context.Service<CustomerProfileByIdLoader>()
                .LoadAsync(key.RequireId("Customer"))
                .Then(profile => profile is null ? null : new CustomerReference(profile.CustomerId))!);
    }
}
