using GraphQL.Types;
using UCE.Products.Data;

namespace UCE.Products.Types;

/// <summary>GraphQL enum <c>ProductCategory</c>.</summary>
public sealed class ProductCategoryType : EnumerationGraphType<ProductCategory>
{
    public ProductCategoryType()
    {
        Name = "ProductCategory";
        Description = "The families of the advanced energy solutions catalogue.";
    }
}
