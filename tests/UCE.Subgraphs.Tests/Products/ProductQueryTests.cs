using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Products;

/// <summary>Reads of the catalogue and the seeded demo set through the products subgraph on PostgreSQL.</summary>
public sealed class ProductQueryTests(SubgraphFixture<ProductsSubgraph> fixture) : IClassFixture<SubgraphFixture<ProductsSubgraph>>
{
    [Fact]
    public async Task Products_lists_the_whole_catalogue_ordered_by_category()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            "{ products { id name category description terms termMonths requiresInstallation price { amount currency basis } } }")).EnsureNoErrors();

        var products = response.At("products").EnumerateArray().ToList();
        Assert.Equal(ProductCatalogue.Create().Count, products.Count);
        Assert.Equal(
            ["EV_CHARGER", "SMART_THERMOSTAT", "ROOFTOP_SOLAR", "HOME_BATTERY", "HOME_WARRANTY"],
            products.Select(p => p.GetProperty("category").GetString()).Distinct());
        Assert.All(products, p => Assert.Equal("USD", p.GetProperty("price").GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task Products_of_one_category_are_only_that_category()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync("{ products(category: HOME_WARRANTY) { id category } }")).EnsureNoErrors();

        var products = response.At("products").EnumerateArray().ToList();
        Assert.Equal(2, products.Count);
        Assert.All(products, p => Assert.Equal("HOME_WARRANTY", p.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Products_with_an_unknown_category_variable_is_BAD_USER_INPUT()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "query($category: ProductCategory) { products(category: $category) { id } }",
            new { category = "SPACESHIP" });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Products_with_an_unknown_category_literal_fails_validation()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("{ products(category: SPACESHIP) { id } }");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Product_by_id_returns_price_in_dollars_and_terms()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            "{ product(id: \"prd-home-battery\") { name category requiresInstallation terms termMonths price { amount currency basis } } }")).EnsureNoErrors();

        var product = response.At("product");
        Assert.Equal("HOME_BATTERY", product.GetProperty("category").GetString());
        Assert.True(product.GetProperty("requiresInstallation").GetBoolean());
        Assert.Equal(11_500d, product.GetProperty("price").GetProperty("amount").GetDouble());
        Assert.Equal("ONE_TIME", product.GetProperty("price").GetProperty("basis").GetString());
        Assert.Equal(JsonValueKind.Null, product.GetProperty("termMonths").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(product.GetProperty("terms").GetString()));
    }

    [Fact]
    public async Task Unknown_product_id_is_a_PRODUCT_NOT_FOUND_error()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("{ product(id: \"prd-flux-capacitor\") { id } }");

        Assert.Equal(["PRODUCT_NOT_FOUND"], response.ErrorCodes);
    }

    [Fact]
    public async Task Customer_entities_carry_enrollments_and_only_open_offers()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on Customer {
                  id
                  enrollments { id status since cancelledAt customer { id } product { id name } }
                  offers { id reason expiresAt product { id } }
                }
              }
            }
            """,
            new
            {
                representations = new object[]
                {
                    new { __typename = "Customer", id = "cus-000004" },
                    new { __typename = "Customer", id = "cus-999999" },
                },
            })).EnsureNoErrors();

        var customer = response.At("_entities", 0);
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        var enrollmentIds = await db.Enrollments.Where(e => e.CustomerId == "cus-000004").Select(e => e.Id).ToListAsync();
        var enrollments = customer.GetProperty("enrollments").EnumerateArray().ToList();
        Assert.Equal(enrollmentIds.Order(), enrollments.Select(e => e.GetProperty("id").GetString()).Order());
        Assert.All(enrollments, e => Assert.Equal("cus-000004", e.GetProperty("customer").GetProperty("id").GetString()));
        Assert.All(enrollments, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("product").GetProperty("name").GetString())));

        var now = DateTime.UtcNow;
        var open = (await db.Offers.AsNoTracking().Where(o => o.CustomerId == "cus-000004").ToListAsync())
            .Where(o => o.IsOpenAt(now))
            .OrderBy(o => o.ExpiresAt)
            .Select(o => o.Id)
            .ToList();
        var offers = customer.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(open, offers.Select(o => o.GetProperty("id").GetString()));
        Assert.DoesNotContain(offers, o => o.GetProperty("id").GetString() == "ofr-000004-3");
        Assert.All(offers, o => Assert.True(o.GetProperty("expiresAt").GetDateTime().ToUniversalTime() > now));

        Assert.Equal(JsonValueKind.Null, response.At("_entities", 1).ValueKind);
    }

    [Fact]
    public async Task Product_entities_resolve_by_id()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id name } } }
            """,
            new
            {
                representations = new object[]
                {
                    new { __typename = "Product", id = "prd-smart-thermostat" },
                    new { __typename = "Product", id = "prd-unknown" },
                },
            })).EnsureNoErrors();

        Assert.Equal("Smart Thermostat", response.At("_entities", 0, "name").GetString());
        Assert.Equal(JsonValueKind.Null, response.At("_entities", 1).ValueKind);
    }

    [Fact]
    public async Task A_Customer_representation_without_an_id_is_BAD_USER_INPUT()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }",
            new { r = new object[] { new { __typename = "Customer" } } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Committed_schema_matches_the_schema_the_code_produces()
    {
        await SubgraphSchemaFile.AssertMatchesAsync(new ProductsSubgraph());
    }
}
