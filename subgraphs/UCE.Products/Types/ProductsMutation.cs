using GraphQL;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;

namespace UCE.Products.Types;

/// <summary>The products subgraph's mutations.</summary>
public sealed class ProductsMutation : ObjectGraphType
{
    public ProductsMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<EnrollPayloadType>>("enroll")
            .Description("Enrolls a customer in a product; PENDING when it needs installing, otherwise ACTIVE.")
            .Argument<NonNullGraphType<EnrollInputType>>("input")
            .ResolveAsync(async context =>
                await context.Service<ProductEnrollments>().EnrollAsync(
                    context.GetArgument<EnrollInput>("input"), context.Caller(), context.CancellationToken));

        Field<NonNullGraphType<CancelEnrollmentPayloadType>>("cancelEnrollment")
            .Description("Cancels an enrollment that is pending or active.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
                await context.Service<ProductEnrollments>().CancelAsync(
                    context.GetArgument<string>("id"), context.CancellationToken));
    }
}
