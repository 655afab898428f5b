using GraphQL.Federation;
using GraphQL.Types;
using UCE.Products.Data;
using UCE.Products.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Products.Types;

/// <summary>GraphQL type <c>Enrollment</c>: a customer's subscription to a product.</summary>
public sealed class EnrollmentType : ObjectGraphType<Enrollment>
{
    public EnrollmentType()
    {
        Name = "Enrollment";
        Description = "A customer's subscription to a catalogue product.";
        this.Key("id");
        this.Authorize(Access.CustomerData<Enrollment>(enrollment => enrollment.CustomerId));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<CustomerType>("customer").Resolve(context => new CustomerReference(context.Source.CustomerId));
        Field<NonNullGraphType<ProductType>>("product")
            .Resolve(context => context.Service<ProductByIdLoader>().LoadAsync(context.Source.ProductId));
        Field<NonNullGraphType<EnrollmentStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<DateTimeGraphType>>("since").Resolve(context => context.Source.Since);
        Field<DateTimeGraphType>("cancelledAt").Resolve(context => context.Source.CancelledAt);

        // Cases in the service subgraph point at enrollments by id.
        this.ResolveReference<EntityKey, Enrollment>((context, key) =>
            context.Service<EnrollmentByIdLoader>().LoadAsync(key.RequireId("Enrollment"))!);
    }
}
