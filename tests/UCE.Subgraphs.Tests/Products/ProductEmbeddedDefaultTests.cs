using Microsoft.EntityFrameworkCore;
using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Products;

/// <summary>The embedded default: no connection string, an SQLite file, the demo set seeded on start.</summary>
public sealed class ProductEmbeddedDefaultTests
{
    [Fact]
    public async Task Embedded_default_serves_the_demo_set_on_sqlite()
    {
        await using var host = await SubgraphTestHost.StartAsync(new ProductsSubgraph(), connectionString: null);

        var response = (await host.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              products(category: EV_CHARGER) { id price { amount } }
              _entities(representations: $representations) { ... on Customer { enrollments { status product { id } } offers { id expiresAt } } }
            }
            """,
            new { representations = new object[] { new { __typename = "Customer", id = "cus-000008" } } })).EnsureNoErrors();

        Assert.Equal(2, response.At("products").GetArrayLength());
        Assert.NotEqual(0, response.At("_entities", 0, "enrollments").GetArrayLength());
        await using (var db = host.CreateDbContext<ProductsDbContext>())
        {
            var now = DateTime.UtcNow;
            var open = (await db.Offers.AsNoTracking().Where(o => o.CustomerId == "cus-000008").ToListAsync()).Count(o => o.IsOpenAt(now));
            Assert.Equal(open, response.At("_entities", 0, "offers").GetArrayLength());
        }

        var held = response.At("_entities", 0, "enrollments").EnumerateArray()
            .Where(e => e.GetProperty("status").GetString() != "CANCELLED")
            .Select(e => e.GetProperty("product").GetProperty("id").GetString())
            .ToList();
        var productId = ProductCatalogue.Create().Select(p => p.Id).First(id => !held.Contains(id));
        const string enroll = "mutation($productId: ID!) { enroll(input: { customerId: \"cus-000008\", productId: $productId }) { enrollment { status } } }";

        (await host.As(TestCallers.Agent).PostAsync(enroll, new { productId })).EnsureNoErrors();
        var again = await host.As(TestCallers.Agent).PostAsync(enroll, new { productId });

        Assert.Equal(["ALREADY_ENROLLED"], again.ErrorCodes);
    }
}
