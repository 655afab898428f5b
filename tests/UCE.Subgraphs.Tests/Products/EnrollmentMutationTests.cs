using Microsoft.EntityFrameworkCore;
using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Products;

/// <summary>The <c>enroll</c> and <c>cancelEnrollment</c> mutations on PostgreSQL; each test works on its own customers.</summary>
public sealed class EnrollmentMutationTests(SubgraphFixture<ProductsSubgraph> fixture) : IClassFixture<SubgraphFixture<ProductsSubgraph>>
{
    private const string Enroll = """
        mutation($input: EnrollInput!) {
          enroll(input: $input) { enrollment { id status since cancelledAt customer { id } product { id requiresInstallation } } }
        }
        """;

    private const string Cancel = """
        mutation($id: ID!) { cancelEnrollment(id: $id) { enrollment { id status cancelledAt } } }
        """;

    [Fact]
    public async Task Enrolling_in_an_offered_product_records_the_caller_and_takes_up_the_offer()
    {
        await using var before = fixture.Host.CreateDbContext<ProductsDbContext>();
        var offer = await before.Offers.AsNoTracking().Where(o => o.CustomerId == "cus-000010" && o.AcceptedAt == null).OrderBy(o => o.Id).FirstAsync();
        var product = await before.Products.AsNoTracking().SingleAsync(p => p.Id == offer.ProductId);

        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            Enroll,
            new { input = new { customerId = "cus-000010", productId = offer.ProductId } },
            new Dictionary<string, string> { [IdentityHeaders.Role] = "agent", [IdentityHeaders.Subject] = "agent-42" })).EnsureNoErrors();

        var enrollment = response.At("enroll", "enrollment");
        Assert.Equal(product.RequiresInstallation ? "PENDING" : "ACTIVE", enrollment.GetProperty("status").GetString());
        Assert.Equal("cus-000010", enrollment.GetProperty("customer").GetProperty("id").GetString());
        var id = enrollment.GetProperty("id").GetString();

        await using var after = fixture.Host.CreateDbContext<ProductsDbContext>();
        var stored = await after.Enrollments.SingleAsync(e => e.Id == id);
        Assert.Equal("agent-42", stored.EnrolledBy);
        Assert.NotNull((await after.Offers.SingleAsync(o => o.Id == offer.Id)).AcceptedAt);

        var offers = (await fixture.As(TestCallers.Agent).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { offers { id } } } }",
            new { r = new object[] { new { __typename = "Customer", id = "cus-000010" } } })).EnsureNoErrors();
        Assert.DoesNotContain(offers.At("_entities", 0, "offers").EnumerateArray(), o => o.GetProperty("id").GetString() == offer.Id);
    }

    [Fact]
    public async Task Enrolling_twice_in_the_same_product_is_ALREADY_ENROLLED_and_changes_nothing()
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        var held = await db.Enrollments.AsNoTracking()
            .Where(e => e.CustomerId == "cus-000011" && e.Status != EnrollmentStatus.Cancelled)
            .OrderBy(e => e.Id)
            .FirstOrDefaultAsync();
        string productId;
        if (held is null)
        {
            productId = "prd-smart-thermostat";
            (await fixture.As(TestCallers.Agent).PostAsync(Enroll, new { input = new { customerId = "cus-000011", productId } })).EnsureNoErrors();
        }
        else
        {
            productId = held.ProductId;
        }

        var snapshot = await CountRowsAsync();
        var response = await fixture.As(TestCallers.Agent).PostAsync(Enroll, new { input = new { customerId = "cus-000011", productId } });

        Assert.Equal(["ALREADY_ENROLLED"], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    [Fact]
    public async Task Cancelling_sets_cancelled_at_and_the_customer_may_enroll_again()
    {
        var productId = await ProductNotHeldAsync("cus-000012");
        var enrolled = (await fixture.As(TestCallers.Agent).PostAsync(Enroll, new { input = new { customerId = "cus-000012", productId } })).EnsureNoErrors();
        var id = enrolled.At("enroll", "enrollment", "id").GetString();

        var cancelled = (await fixture.As(TestCallers.Agent).PostAsync(Cancel, new { id })).EnsureNoErrors();

        Assert.Equal("CANCELLED", cancelled.At("cancelEnrollment", "enrollment", "status").GetString());
        Assert.NotNull(cancelled.At("cancelEnrollment", "enrollment", "cancelledAt").GetString());
        await using (var db = fixture.Host.CreateDbContext<ProductsDbContext>())
        {
            var stored = await db.Enrollments.SingleAsync(e => e.Id == id);
            Assert.Equal(EnrollmentStatus.Cancelled, stored.Status);
            Assert.NotNull(stored.CancelledAt);
        }

        var again = (await fixture.As(TestCallers.Agent).PostAsync(Enroll, new { input = new { customerId = "cus-000012", productId } })).EnsureNoErrors();
        Assert.NotEqual(id, again.At("enroll", "enrollment", "id").GetString());
    }

    [Fact]
    public async Task Cancelling_an_already_cancelled_enrollment_is_refused_and_changes_nothing()
    {
        var productId = await ProductNotHeldAsync("cus-000013");
        var enrolled = (await fixture.As(TestCallers.Agent).PostAsync(Enroll, new { input = new { customerId = "cus-000013", productId } })).EnsureNoErrors();
        var id = enrolled.At("enroll", "enrollment", "id").GetString()!;
        (await fixture.As(TestCallers.Agent).PostAsync(Cancel, new { id })).EnsureNoErrors();
        var cancelledAt = await CancelledAtAsync(id);
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Cancel, new { id });

        Assert.Equal(["ENROLLMENT_ALREADY_CANCELLED"], response.ErrorCodes);
        Assert.Equal(cancelledAt, await CancelledAtAsync(id));
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    [Fact]
    public async Task Cancelling_an_unknown_enrollment_is_ENROLLMENT_NOT_FOUND_and_changes_nothing()
    {
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Cancel, new { id = "enr-does-not-exist" });

        Assert.Equal(["ENROLLMENT_NOT_FOUND"], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    [Theory]
    [InlineData("cus-999999", "prd-smart-thermostat", "CUSTOMER_NOT_FOUND")]
    [InlineData("cus-000014", "prd-time-machine", "PRODUCT_NOT_FOUND")]
    [InlineData(" ", "prd-smart-thermostat", "BAD_USER_INPUT")]
    [InlineData("cus-000014", "", "BAD_USER_INPUT")]
    public async Task Enrolling_with_bad_ids_is_refused_and_changes_nothing(string customerId, string productId, string code)
    {
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Enroll, new { input = new { customerId, productId } });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    private async Task<string> ProductNotHeldAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        var held = await db.Enrollments.Where(e => e.CustomerId == customerId && e.Status != EnrollmentStatus.Cancelled)
            .Select(e => e.ProductId).ToListAsync();
        return ProductCatalogue.Create().Select(p => p.Id).First(id => !held.Contains(id));
    }

    private async Task<DateTime?> CancelledAtAsync(string id)
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        return (await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == id)).CancelledAt;
    }

    private async Task<(int Enrollments, int Open, int AcceptedOffers)> CountRowsAsync()
    {
        await using var db = fixture.Host.CreateDbContext<ProductsDbContext>();
        return (
            await db.Enrollments.CountAsync(),
            await db.Enrollments.CountAsync(e => e.Status != EnrollmentStatus.Cancelled),
            await db.Offers.CountAsync(o => o.AcceptedAt != null));
    }
}
