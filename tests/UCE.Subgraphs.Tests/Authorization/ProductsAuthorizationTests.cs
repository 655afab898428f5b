using Microsoft.EntityFrameworkCore;
using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>The catalogue for everyone; enrollments and offers only for their customer.</summary>
public sealed class ProductsAuthorizationTests(SubgraphFixture<ProductsSubgraph> fixture) : IClassFixture<SubgraphFixture<ProductsSubgraph>>
{
    private const string Enroll = "mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id status customer { id } } } }";

    private const string Cancel = "mutation($id: ID!) { cancelEnrollment(id: $id) { enrollment { id status } } }";

    public static TheoryData<string> ForeignCallers => new() { "customer", "anonymous", "partner", "service" };

    [Fact]
    public async Task Anonymous_callers_and_partners_with_products_read_see_the_catalogue_and_others_do_not()
    {
        var anonymous = (await fixture.GraphQL.PostAsync("{ products { id name price { amount } } product(id: \"prd-smart-thermostat\") { name } }")).EnsureNoErrors();
        var partner = (await fixture.As(TestCallers.Partner("shop", "products:read")).PostAsync("{ products { id } }")).EnsureNoErrors();
        var unscoped = await fixture.As(TestCallers.Partner("shop", "outages:read")).PostAsync("{ products { id } }");
        var service = await fixture.As(TestCallers.Service("notifications:send")).PostAsync("{ products { id } }");

        Assert.NotEqual(0, anonymous.At("products").GetArrayLength());
        Assert.Equal(anonymous.At("products").GetArrayLength(), partner.At("products").GetArrayLength());
        Assert.Equal(["FORBIDDEN"], unscoped.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], service.ErrorCodes);
    }

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation_and_products_stay_public()
    {
        var customerData = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Customer"] = new { __typename = "Customer", id = Hostile.Victim },
            ["Enrollment"] = new { __typename = "Enrollment", id = "enr-000002-1" },
        };
        var publicData = new Dictionary<string, object>(StringComparer.Ordinal) { ["Product"] = new { __typename = "Product", id = "prd-smart-thermostat" } };
        const string Query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Customer { id enrollments { id product { name } } offers { id reason } } ... on Product { id name } ... on Enrollment { id status } } }";

        foreach (var type in await Hostile.EntityTypesAsync(fixture.GraphQL))
        {
            if (customerData.TryGetValue(type, out var hostile))
            {
                var response = await fixture.As(TestCallers.Customer(Hostile.Attacker)).PostAsync(Query, new { r = new[] { new { __typename = "Customer", id = Hostile.Attacker }, hostile } });

                Hostile.AssertRefused(response, "_entities", 1);
                Assert.Equal(Hostile.Attacker, response.At("_entities", 0, "id").GetString());
            }
            else
            {
                Assert.True(publicData.TryGetValue(type, out var open), $"Entity type {type} has no case.");
                var response = (await fixture.GraphQL.PostAsync(Query, new { r = new[] { open } })).EnsureNoErrors();

                Assert.Equal(type, response.At("_entities", 0, "__typename").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Enrolling_another_customer_is_forbidden_and_writes_nothing(string role)
    {
        var before = await EnrollmentsOfAsync(Hostile.Victim);

        var response = await fixture.As(Caller(role)).PostAsync(Enroll, new { input = new { customerId = Hostile.Victim, productId = "prd-smart-thermostat" } });

        Hostile.AssertRefused(response, "enroll");
        Assert.Equal(before, await EnrollmentsOfAsync(Hostile.Victim));
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Cancelling_another_customers_enrollment_is_forbidden_and_writes_nothing(string role)
    {
        var victimEnrollment = await OpenEnrollmentOfAnyoneButAsync(Hostile.Attacker);
        var before = await EnrollmentsOfAsync(victimEnrollment.CustomerId);

        var response = await fixture.As(Caller(role)).PostAsync(Cancel, new { id = victimEnrollment.Id });

        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.Equal(before, await EnrollmentsOfAsync(victimEnrollment.CustomerId));
    }

    [Fact]
    public async Task A_customer_enrolls_and_cancels_for_themselves()
    {
        var customer = fixture.As(TestCallers.Customer("cus-000037"));
        var productId = await ProductNotHeldByAsync("cus-000037");

        var enrolled = (await customer.PostAsync(Enroll, new { input = new { customerId = "cus-000037", productId } })).EnsureNoErrors();
        var id = enrolled.At("enroll", "enrollment", "id").GetString();
        var cancelled = (await customer.PostAsync(Cancel, new { id })).EnsureNoErrors();

        Assert.Equal("cus-000037", enrolled.At("enroll", "enrollment", "customer", "id").GetString());
        Assert.Equal("CANCELLED", cancelled.At("cancelEnrollment", "enrollment", "status").GetString());
    }

    private static CallerIdentity Caller(string role) => role switch
    {
        "customer" => TestCallers.Customer(Hostile.Attacker),
        "anonymous" => TestCallers.Anonymous,
        "partner" => TestCallers.Partner("shop", "products:read", "usage:read", "outages:read"),
        "service" => TestCallers.Service("notifications:send", "outages:write"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    private async Task<string> EnrollmentsOfAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.CustomerId == customerId).OrderBy(e => e.Id).ToListAsync();
        return string.Join(';', rows.Select(e => $"{e.Id}:{e.Status}:{e.CancelledAt:O}"));
    }

    private async Task<string> ProductNotHeldByAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        var held = await db.Enrollments.Where(e => e.CustomerId == customerId).Select(e => e.ProductId).ToListAsync();
        return await db.Products.Where(p => !held.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    private async Task<Enrollment> OpenEnrollmentOfAnyoneButAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        return await db.Enrollments.AsNoTracking()
            .Where(e => e.CustomerId != customerId && e.Status != EnrollmentStatus.Cancelled)
            .OrderBy(e => e.Id)
            .FirstAsync();
    }
}
