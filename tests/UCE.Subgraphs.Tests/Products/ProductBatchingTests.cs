using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Products;

/// <summary>
/// N+1 guards for the products subgraph: the exact SQL command count for 5 and for 50 distinct parents. The demo set is
/// extended to 300 customers and the catalogue to 50 products.
/// </summary>
public sealed class ProductBatchingTests(ProductBatchingTests.ExtendedFixture fixture) : IClassFixture<ProductBatchingTests.ExtendedFixture>
{
    private const string CustomerQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Customer {
              id
              enrollments { id status customer { id } product { id name price { amount } } }
              offers { id expiresAt product { id category } }
              nextOfferExpiry
            }
          }
        }
        """;

    [Fact]
    public async Task Fifty_customers_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(CustomerQuery, Customers(5));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(CustomerQuery, Customers(50));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var customers = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(CustomerIds(50), customers.Select(c => c.GetProperty("id").GetString()));
        Assert.All(customers, c => Assert.NotEqual(0, c.GetProperty("enrollments").GetArrayLength()));
        Assert.All(customers, c => Assert.Equal(
            c.GetProperty("offers").EnumerateArray().Select(o => (DateTime?)o.GetProperty("expiresAt").GetDateTime()).Min(),
            c.GetProperty("nextOfferExpiry").ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.GetProperty("nextOfferExpiry").GetDateTime()));

        // Customer profiles, enrollments, open offers (nextOfferExpiry reads the same), then the products of both (one loader, one level).
        Assert.Equal(4, fiveCommands);
        Assert.Equal(4, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_product_representations_cost_as_many_sql_commands_as_five()
    {
        const string query = "query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id name } } }";
        var ids = ProductCatalogue.Create().Select(p => p.Id).Concat(ExtendedFixture.ExtraProductIds).ToList();
        Assert.Equal(50, ids.Distinct().Count());

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, Products(ids.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, Products(ids));

        Assert.Equal(ids.Take(5), five.EnsureNoErrors().At("_entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(ids, fifty.EnsureNoErrors().At("_entities").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        // Products by id.
        Assert.Equal(1, fiveCommands);
        Assert.Equal(1, fiftyCommands);
    }

    private static List<string> CustomerIds(int count) => Enumerable.Range(1, count).Select(i => DemoGraph.CustomerId(i * 5)).ToList();

    private static object Customers(int count) => new
    {
        representations = CustomerIds(count).Select(id => new { __typename = "Customer", id }).ToArray(),
    };

    private static object Products(IEnumerable<string> ids) => new
    {
        representations = ids.Select(id => new { __typename = "Product", id }).ToArray(),
    };

    /// <summary>
    /// The demo set plus customers 41–300, seeded as the generator does, in one chunk, and products beside the
    /// catalogue so that 50 distinct products exist.
    /// </summary>
    public sealed class ExtendedFixture : SubgraphFixture<ProductsSubgraph>, IAsyncLifetime
    {
        public static IReadOnlyList<string> ExtraProductIds { get; } =
            Enumerable.Range(1, 50 - ProductCatalogue.Create().Count).Select(i => $"prd-batching-{i:D2}").ToList();

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await using var db = Host.CreateDbContext<ProductsDbContext>();
            await new ProductsSubgraph().SeedAsync(db, Host.Demo.Slice(41, 260), CancellationToken.None);
            db.Products.AddRange(ExtraProductIds.Select(id => new Product
            {
                Id = id,
                Name = id,
                Category = ProductCategory.HomeWarranty,
                Description = "A product that exists for the batching guards.",
                PriceCents = 100,
                Currency = "USD",
                PriceBasis = PriceBasis.Monthly,
                Terms = "None.",
            }));
            await db.SaveChangesAsync();
        }
    }
}
