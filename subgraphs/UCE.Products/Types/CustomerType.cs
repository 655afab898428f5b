using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Products.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Products.Types;

/// <summary>The customers subgraph's <c>Customer</c> entity, extended with enrollments and offers.</summary>
public sealed class CustomerType : CustomerExtensionType
{
    public CustomerType()
    {
        Field<ListGraphType<NonNullGraphType<EnrollmentType>>>("enrollments")
            .Description("Every enrollment of the customer, cancelled ones included, newest first.")
            .Resolve(context => context.Service<EnrollmentsByCustomerLoader>().LoadAsync(context.Source.Id));
        Field<ListGraphType<NonNullGraphType<OfferType>>>("offers")
            .Description("Offers the customer can still take up, soonest expiry first.")
            .Resolve(context => context.Service<OpenOffersByCustomerLoader>().LoadAsync(context.Source.Id));
        Field<DateTimeGraphType>("nextOfferExpiry")
            .Description("When the first of the customer's open offers expires; null when they have none.")
            .Resolve(context => context.Service<OpenOffersByCustomerLoader>().LoadAsync(context.Source.Id)
                .Then(offers => offers.Count == 0 ? (DateTime?)null : offers.Min(o => o.ExpiresAt)));

        this.ResolveReference<EntityKey, CustomerReference>((context, key) =>
            context.Service<CustomerProfileByIdLoader>()
                .LoadAsync(key.RequireId("Customer"))
                .Then(profile => profile is null ? null : new CustomerReference(profile.CustomerId))!);
    }
}
