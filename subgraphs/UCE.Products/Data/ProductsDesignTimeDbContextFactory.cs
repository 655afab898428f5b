using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UCE.Products.Data;

/// <summary>Lets <c>dotnet ef</c> build the context against PostgreSQL, the provider migrations are written for.</summary>
public sealed class ProductsDesignTimeDbContextFactory : IDesignTimeDbContextFactory<ProductsDbContext>
{
    public ProductsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Products")
            ?? "Host=127.0.0.1;Port=5432;Database=uce_products;Username=postgres;Password=postgres";
        var options = new DbContextOptionsBuilder<ProductsDbContext>().UseNpgsql(connectionString).Options;
        return new ProductsDbContext(options);
    }
}
