using GraphQL.Types;
using UCE.Products.Data;

namespace UCE.Products.Types;

/// <summary>GraphQL type <c>ProductPrice</c>: amount, currency and how it is charged.</summary>
public sealed class ProductPriceType : ObjectGraphType<Product>
{
    public ProductPriceType()
    {
        Name = "ProductPrice";
        Description = "What a product costs.";
        Field<NonNullGraphType<FloatGraphType>>("amount")
            .Description("In major units of the currency (dollars).")
            .Resolve(context => context.Source.PriceCents / 100d);
        Field<NonNullGraphType<StringGraphType>>("currency")
            .Description("ISO 4217 code.")
            .Resolve(context => context.Source.Currency);
        Field<NonNullGraphType<PriceBasisType>>("basis").Resolve(context => context.Source.PriceBasis);
    }
}
