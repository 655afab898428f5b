using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Products.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Products.Types;

/// <summary>The products subgraph's root query fields.</summary>
public sealed class ProductsQuery : ObjectGraphType
{
    public ProductsQuery()
    {
        Name = "Query";

        Field<ListGraphType<NonNullGraphType<ProductType>>>("products")
            .Description("The catalogue, optionally one category, by category then name.")
            .Argument<ProductCategoryType>("category")
            .Authorize(Access.PublicData(AccessScopes.ProductsRead))
            .ResolveAsync(async context =>
            {
                var category = context.GetArgument<ProductCategory?>("category");
                await using var db = await context.Service<IDbContextFactory<ProductsDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var query = db.Products.AsNoTracking();
                if (category is { } wanted)
                {
                    query = query.Where(p => p.Category == wanted);
                }

                var products = await query.ToListAsync(context.CancellationToken);
                return products.OrderBy(p => p.Category).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            });

        Field<ProductType>("product")
            .Description("One product by id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Access.PublicData(AccessScopes.ProductsRead))
            .Resolve(context =>
            {
                var id = context.GetArgument<string>("id");
                return context.Service<ProductByIdLoader>().LoadAsync(id).Then(product =>
                    product ?? throw new DomainError(ProductErrorCodes.ProductNotFound, $"No product has id '{id}'."));
            });
    }
}
