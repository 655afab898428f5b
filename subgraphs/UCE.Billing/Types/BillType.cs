using GraphQL.Federation;
using GraphQL.Types;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Billing.Types;

/// <summary>GraphQL entity <c>Bill</c>.</summary>
public sealed class BillType : ObjectGraphType<Bill>
{
    public BillType()
    {
        Name = "Bill";
        Description = "One monthly statement of an account.";
        this.Key("id");
        this.Authorize(Access.CustomerData<Bill>(bill => bill.CustomerId));
        this.ResolveReference<BillReference, Bill>((ctx, reference) => ctx.Service<BillByIdLoader>().LoadAsync(reference.Id));

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<AccountType>("account").Resolve(ctx => ctx.Service<AccountByIdLoader>().LoadAsync(ctx.Source.AccountId));
        Field<NonNullGraphType<DateOnlyGraphType>>("periodStart").Resolve(ctx => ctx.Source.PeriodStart);
        Field<NonNullGraphType<DateOnlyGraphType>>("periodEnd").Description("Last day of the period, inclusive.").Resolve(ctx => ctx.Source.PeriodEnd);
        Field<NonNullGraphType<DateTimeGraphType>>("issuedAt").Resolve(ctx => ctx.Source.IssuedAt);
        Field<NonNullGraphType<DateOnlyGraphType>>("dueDate").Resolve(ctx => ctx.Source.DueDate);
        Field<NonNullGraphType<FloatGraphType>>("amount").Description("The billed total.").Resolve(ctx => PaymentRules.ToAmount(ctx.Source.AmountMinor));
        Field<NonNullGraphType<FloatGraphType>>("amountPaid").Resolve(ctx => PaymentRules.ToAmount(ctx.Source.PaidMinor));
        Field<NonNullGraphType<FloatGraphType>>("amountDue").Resolve(ctx => PaymentRules.ToAmount(ctx.Source.DueMinor));
        Field<NonNullGraphType<BillStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BillLineItemType>>>>("lineItems")
            .Resolve(ctx => ctx.Service<LineItemsByBillLoader>().LoadAsync(ctx.Source.Id));
    }
}

/// <summary>A <c>Bill</c> representation from the gateway.</summary>
public sealed class BillReference
{
    public string Id { get; set; } = "";
}

/// <summary>GraphQL type <c>BillLineItem</c>.</summary>
public sealed class BillLineItemType : ObjectGraphType<BillLineItem>
{
    public BillLineItemType()
    {
        Name = "BillLineItem";
        Description = "One charge on a bill.";
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(ctx => ctx.Source.Description);
        Field<NonNullGraphType<BillLineItemKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(ctx => PaymentRules.ToAmount(ctx.Source.AmountMinor));
    }
}

/// <summary>GraphQL type <c>BillConnection</c>: one page of bills.</summary>
public sealed class BillConnectionType : ObjectGraphType<BillPage>
{
    public BillConnectionType()
    {
        Name = "BillConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BillEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Bills);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BillType>>>>("nodes").Resolve(ctx => ctx.Source.Bills);
        Field<NonNullGraphType<BillPageInfoType>>("pageInfo").Resolve(ctx => ctx.Source);
    }
}

/// <summary>GraphQL type <c>BillEdge</c>.</summary>
public sealed class BillEdgeType : ObjectGraphType<Bill>
{
    public BillEdgeType()
    {
        Name = "BillEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(ctx => BillCursor.Encode(ctx.Source.PeriodStart));
        Field<NonNullGraphType<BillType>>("node").Resolve(ctx => ctx.Source);
    }
}

/// <summary>GraphQL type <c>BillPageInfo</c>.</summary>
public sealed class BillPageInfoType : ObjectGraphType<BillPage>
{
    public BillPageInfoType()
    {
        Name = "BillPageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when older bills follow.").Resolve(ctx => ctx.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(ctx => ctx.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Resolve(ctx => ctx.Source.Bills.Count == 0 ? null : BillCursor.Encode(ctx.Source.Bills[0].PeriodStart));
        Field<StringGraphType>("endCursor").Resolve(ctx => ctx.Source.Bills.Count == 0 ? null : BillCursor.Encode(ctx.Source.Bills[^1].PeriodStart));
    }
}
