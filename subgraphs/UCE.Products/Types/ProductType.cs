using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Products.Data;
using UCE.Products.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Products.Types;

/// <summary>GraphQL type <c>Product</c>, an entity keyed by id.</summary>
public sealed class ProductType : ObjectGraphType<Product>
{
    public ProductType()
    {
        Name = "Product";
        Description = "One offering of the advanced energy solutions catalogue.";
        this.Key("id");
        this.Authorize(Access.PublicData(AccessScopes.ProductsRead));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
        Field<NonNullGraphType<ProductCategoryType>>("category").Resolve(context => context.Source.Category);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(context => context.Source.Description);
        Field<NonNullGraphType<ProductPriceType>>("price").Resolve(context => context.Source);
        Field<NonNullGraphType<StringGraphType>>("terms").Resolve(context => context.Source.Terms);
        Field<IntGraphType>("termMonths")
            .Description("The minimum contract length; null when the customer may cancel at any time.")
            .Resolve(context => context.Source.TermMonths);
        Field<NonNullGraphType<BooleanGraphType>>("requiresInstallation")
            .Description("True when a technician installs it; enrollments then start PENDING.")
            .Resolve(context => context.Source.RequiresInstallation);

        this.ResolveReference<EntityKey, Product>((context, key) => context.Service<ProductByIdLoader>().LoadAsync(key.RequireId("Product"))!);
    }
}
