using GraphQL;
using GraphQL.Types;
using UCE.Billing.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Billing.Types;

/// <summary>Root query fields of the billing subgraph.</summary>
public sealed class BillingQuery : ObjectGraphType
{
    public BillingQuery()
    {
        Name = "Query";
        Field<BillType>("bill")
            .Description("A bill by id; an unknown id is an error with code BILL_NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(ctx =>
            {
                var id = ctx.GetArgument<string>("id");
                return ctx.Service<BillByIdLoader>().LoadAsync(id).Then(bill => bill ?? throw BillingErrors.BillNotFound(id));
            });
    }
}
