using GraphQL.Types;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Billing.Types;

/// <summary>The customers subgraph's <c>Customer</c> entity, extended with what they owe past due.</summary>
public sealed class CustomerType : CustomerExtensionType
{
    public CustomerType()
    {
        Field<NonNullGraphType<FloatGraphType>>("overdueBalance")
            .Description("What the customer owes on bills past their due date, over all of their accounts; 0 when nothing is overdue.")
            .Resolve(context => context.Service<OverdueBalanceByCustomerLoader>().LoadAsync(context.Source.Id).Then(PaymentRules.ToAmount));

        // Every customer id is a customer here: one without accounts owes nothing.
        ResolveAnyCustomer();
    }
}
