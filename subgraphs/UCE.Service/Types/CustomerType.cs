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

        // Facts other subgraphs own, fetched by the gateway for nextBestActions.
        Field<NonNullGraphType<FloatGraphType>>("overdueBalance").External().Resolve(context => context.Source.Facts?.OverdueBalance);
        Field<NonNullGraphType<IntGraphType>>("activeOutageCount").External().Resolve(context => context.Source.Facts?.ActiveOutageCount);
        Field<DateTimeGraphType>("nextOfferExpiry").External().Resolve(context => context.Source.Facts?.NextOfferExpiry);

        Field<ListGraphType<NonNullGraphType<NextBestActionType>>>("nextBestActions")
            .Description("What an agent should raise on this contact, most urgent first: open cases near their SLA, an outage at the premises, an overdue balance to arrange, an expiring offer.")
            .Requires("overdueBalance activeOutageCount nextOfferExpiry")
            .Authorize(Access.Staff)
            .Resolve(context =>
            {
                var now = context.Service<TimeProvider>().GetUtcNow().UtcDateTime;
                var facts = context.Source.Facts;
                return context.Service<CasesByCustomerLoader>().LoadAsync(context.Source.Id).Then(cases => NextBestActions.Rank(cases, facts, now));
            });

        // A customer with no profile here is unknown to the service domain: null, as the other subgraphs answer.
        this.ResolveReference<CustomerRepresentation, CustomerReference>((context, representation) =>
        {
            var id = new EntityKey { Id = representation.Id }.RequireId("Customer");
            return context.Service<CustomerProfileByIdLoader>()
                .LoadAsync(id)
                .Then(profile => profile is null ? null : new CustomerReference(profile.CustomerId, representation.Facts))!;
        });
    }
}
