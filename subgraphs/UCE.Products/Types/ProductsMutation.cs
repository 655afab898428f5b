using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Products.Types;

/// <summary>The products subgraph's mutations.</summary>
public sealed class ProductsMutation : ObjectGraphType
{
    public ProductsMutation()
    {
        Name = "Mutation";

        Field<EnrollPayloadType>("enroll")
            .Description("Enrolls a customer in a product; PENDING when it needs installing, otherwise ACTIVE.")
            .Argument<NonNullGraphType<EnrollInputType>>("input")
            .Authorize(Access.CustomerArgument(context => context.GetArgument<EnrollInput>("input").CustomerId?.Trim()))
            .ResolveAsync(async context =>
                await context.Service<ProductEnrollments>().EnrollAsync(
                    context.GetArgument<EnrollInput>("input"), context.Caller(), context.CancellationToken));

        Field<CancelEnrollmentPayloadType>("cancelEnrollment")
            .Description("Cancels an enrollment that is pending or active.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Access.CustomerOwning("the enrollment", EnrollmentOwnerAsync))
            .ResolveAsync(async context =>
                await context.Service<ProductEnrollments>().CancelAsync(
                    context.GetArgument<string>("id"), context.Caller(), context.CancellationToken));
    }

    private static async ValueTask<string?> EnrollmentOwnerAsync(AccessRequest request)
    {
        var id = request.Field!.GetArgument<string>("id")?.Trim() ?? "";
        await using var db = await request.Services.GetRequiredService<IDbContextFactory<ProductsDbContext>>().CreateDbContextAsync(request.CancellationToken);
        return await db.Enrollments.AsNoTracking().Where(e => e.Id == id).Select(e => e.CustomerId).SingleOrDefaultAsync(request.CancellationToken);
    }
}
