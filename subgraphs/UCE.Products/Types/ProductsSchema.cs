using GraphQL.Types;

namespace UCE.Products.Types;

/// <summary>The products subgraph schema.</summary>
public sealed class ProductsSchema : Schema
{
    public ProductsSchema(IServiceProvider services, ProductsQuery query, ProductsMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
