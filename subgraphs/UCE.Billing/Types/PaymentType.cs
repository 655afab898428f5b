using GraphQL.Types;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Subgraphs.Hosting;

namespace UCE.Billing.Types;

/// <summary>GraphQL type <c>Payment</c>.</summary>
public sealed class PaymentType : ObjectGraphType<Payment>
{
    public PaymentType()
    {
        Name = "Payment";
        Description = "Money received against an account.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<AccountType>("account").Resolve(ctx => ctx.Service<AccountByIdLoader>().LoadAsync(ctx.Source.AccountId));
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(ctx => PaymentRules.ToAmount(ctx.Source.AmountMinor));
        Field<NonNullGraphType<PaymentMethodType>>("method").Resolve(ctx => ctx.Source.Method);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<PaymentStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Resolve(ctx => ctx.Source.IdempotencyKey);
    }
}
