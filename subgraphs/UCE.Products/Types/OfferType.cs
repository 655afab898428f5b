using GraphQL.Types;
using UCE.Products.Data;
using UCE.Products.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Products.Types;

/// <summary>GraphQL type <c>Offer</c>: a product suggested to one customer.</summary>
public sealed class OfferType : ObjectGraphType<Offer>
{
    public OfferType()
    {
        Name = "Offer";
        Description = "A product suggested to one customer, with the reason it suits them.";
        this.Authorize(Access.CustomerData<Offer>(offer => offer.CustomerId));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<ProductType>>("product")
            .Resolve(context => context.Service<ProductByIdLoader>().LoadAsync(context.Source.ProductId));
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(context => context.Source.Reason);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Resolve(context => context.Source.ExpiresAt);
    }
}
