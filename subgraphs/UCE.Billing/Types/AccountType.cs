using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Billing.Types;

/// <summary>The billing fields of the <c>Account</c> entity owned by the customers subgraph.</summary>
public sealed class AccountType : ObjectGraphType<BillingAccount>
{
    public const int DefaultBillPageSize = 12;
    public const int DefaultPaymentCount = 10;
    public const int MaxPageSize = 100;

    public AccountType()
    {
        Name = "Account";
        this.Key("id");
        this.Key("number");
        this.Authorize(Access.CustomerData<BillingAccount>(account => account.CustomerId));
        this.ResolveReference<AccountReference, BillingAccount>(Resolve);

        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("number")
            .Description("The printed account number.")
            .Resolve(ctx => ctx.Source.Number)
            .Shareable();
        Field<AccountBalanceType>("balance")
            .Description("What the customer owes now, after every posted payment.")
            .Resolve(ctx => ctx.Source);
        Field<AutopayType>("autopay").Resolve(ctx => ctx.Source);
        Field<BillConnectionType>("bills")
            .Description("The account's bills, newest first.")
            .Argument<IntGraphType>("first", "How many bills (1–100).", arg => arg.DefaultValue = DefaultBillPageSize)
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .Resolve(ResolveBills);
        Field<ListGraphType<NonNullGraphType<PaymentType>>>("payments")
            .Description("The account's most recent payments, newest first.")
            .Argument<IntGraphType>("first", "How many payments (1–100).", arg => arg.DefaultValue = DefaultPaymentCount)
            .Resolve(ctx =>
            {
                var first = ctx.GetArgument("first", DefaultPaymentCount);
                if (first is < 1 or > MaxPageSize)
                {
                    throw BillingErrors.PageSizeInvalid("first", MaxPageSize);
                }

                return ctx.Service<RecentPaymentsLoader>().LoadAsync(new RecentPaymentsKey(ctx.Source.Id, first));
            });
    }

    private static IDataLoaderResult<BillingAccount?> Resolve(IResolveFieldContext context, AccountReference reference)
    {
        if (reference.Id is { } id)
        {
            return context.Service<AccountByIdLoader>().LoadAsync(id);
        }

        if (reference.Number is { } number)
        {
            return context.Service<AccountByNumberLoader>().LoadAsync(number);
        }

        throw new DomainError(ErrorCodes.BadUserInput, "An Account representation needs an id or a number.");
    }

    private static object ResolveBills(IResolveFieldContext<BillingAccount> context)
    {
        var first = context.GetArgument("first", DefaultBillPageSize);
        if (first is < 1 or > MaxPageSize)
        {
            throw BillingErrors.PageSizeInvalid("first", MaxPageSize);
        }

        DateOnly? before = null;
        if (context.GetArgument<string?>("after") is { } after)
        {
            before = BillCursor.Decode(after) ?? throw BillingErrors.CursorInvalid();
        }

        return context.Service<BillPageLoader>().LoadAsync(new BillPageKey(context.Source.Id, context.Source.CustomerId, first, before));
    }
}

/// <summary>GraphQL type <c>AccountBalance</c>.</summary>
public sealed class AccountBalanceType : ObjectGraphType<BillingAccount>
{
    public AccountBalanceType()
    {
        Name = "AccountBalance";
        Description = "The amount owed on an account; negative when the account is in credit.";
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(ctx => PaymentRules.ToAmount(ctx.Source.BalanceMinor));
        Field<NonNullGraphType<StringGraphType>>("currency").Description("ISO 4217 code.").Resolve(ctx => ctx.Source.Currency);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(ctx => ctx.Source.BalanceUpdatedAt);
    }
}

/// <summary>GraphQL type <c>Autopay</c>.</summary>
public sealed class AutopayType : ObjectGraphType<BillingAccount>
{
    public AutopayType()
    {
        Name = "Autopay";
        Description = "Automatic payment of the balance each month.";
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(ctx => ctx.Source.AutopayEnabled);
        Field<PaymentMethodType>("method").Resolve(ctx => ctx.Source.AutopayMethod);
        Field<IntGraphType>("dayOfMonth").Description("Day of the month the balance is drawn (1–28).").Resolve(ctx => ctx.Source.AutopayDayOfMonth);
    }
}
