using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Products;

/// <summary>N+1 guards for the products subgraph; the demo set is extended to 300 customers.</summary>
public sealed class ProductBatchingTests(ProductBatchingTests.ExtendedFixture fixture) : IClassFixture<ProductBatchingTests.ExtendedFixture>
{
    private const string CustomerQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Customer {
              id
              enrollments { id status customer { id } product { id name price { amount } } }
              offers { id product { id category } }
            }
          }
        }
        """;

    [Fact]
    public async Task Fifty_customers_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(CustomerQuery, Customers(5));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(CustomerQuery, Customers(50));

        five.EnsureNoErrors();
        var customers = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(50, customers.Count);
        Assert.All(customers, c => Assert.NotEqual(0, c.GetProperty("enrollments").GetArrayLength()));
        Assert.True(fiveCommands > 0);
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    [Fact]
    public async Task Fifty_product_representations_cost_as_many_sql_commands_as_five()
    {
        const string query = "query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id name } } }";
        var catalogue = ProductCatalogue.Create().Select(p => p.Id).ToList();
        var ids = Enumerable.Range(0, 50).Select(i => catalogue[i % catalogue.Count]).ToList();

        var (five, fiveCommands) = await fixture.Host.MeasureAsync(query, Products(ids.Take(5)));
        var (fifty, fiftyCommands) = await fixture.Host.MeasureAsync(query, Products(ids));

        five.EnsureNoErrors();
        var entities = fifty.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(ids, entities.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(fiveCommands, fiftyCommands);
    }

    private static object Customers(int count) => new
    {
        representations = Enumerable.Range(1, count).Select(i => new { __typename = "Customer", id = DemoGraph.CustomerId(i * 5) }).ToArray(),
    };

    private static object Products(IEnumerable<string> ids) => new
    {
        representations = ids.Select(id => new { __typename = "Product", id }).ToArray(),
    };

    /// <summary>The demo set plus customers 41–300, seeded as the generator does, in one chunk.</summary>
    public sealed class ExtendedFixture : SubgraphFixture<ProductsSubgraph>, IAsyncLifetime
    {
        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            await using var db = Host.CreateDbContext<ProductsDbContext>();
            await new ProductsSubgraph().SeedAsync(db, Host.Demo.Slice(41, 260), CancellationToken.None);
        }
    }
}
