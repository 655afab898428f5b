using GraphQL;
using GraphQL.DataLoader;
using UCE.Subgraphs.Hosting.DataLoading;
using GraphQL.Types;
using UCE.Billing.Data;
using UCE.Billing.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace UCE.Billing.Types;

/// <summary>Root mutation fields of the billing subgraph.</summary>
public sealed class BillingMutation : ObjectGraphType
{
    public BillingMutation()
    {
        Name = "Mutation";
        Field<MakePaymentPayloadType>("makePayment")
            .Description("Records a payment once per idempotency key and applies it to the oldest open bills.")
            .Argument<NonNullGraphType<MakePaymentInputType>>("input")
            .Authorize(Access.CustomerOwning("the account paid into", request => OwnerOf(request, request.Field!.GetArgument<MakePaymentInput>("input").AccountId)))
            .ResolveAsync(async ctx =>
            {
                var request = Validate(ctx.GetArgument<MakePaymentInput>("input"), ctx.Caller().Subject);
                try
                {
                    return await ctx.Service<PaymentLedger>().RecordAsync(request, ctx.Caller(), ctx.CancellationToken);
                }
                catch (PaymentRefusedException refused)
                {
                    throw refused.Refusal switch
                    {
                        PaymentRefusal.AccountNotFound => BillingErrors.AccountNotFound(request.AccountId),
                        _ => BillingErrors.IdempotencyKeyReused(refused.Message),
                    };
                }
            });
        Field<SetAutopayPayloadType>("setAutopay")
            .Description("Turns autopay on (with a method and a day of the month) or off.")
            .Argument<NonNullGraphType<SetAutopayInputType>>("input")
            .Authorize(Access.CustomerOwning("the account", request => OwnerOf(request, request.Field!.GetArgument<SetAutopayInput>("input").AccountId)))
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SetAutopayInput>("input");
                if (input.Enabled)
                {
                    if (input.Method is not { } method || !AutopaySettings.AllowsMethod(method))
                    {
                        throw BillingErrors.AutopayInvalid("enabling needs a method of CARD, BANK or WALLET");
                    }

                    if (input.DayOfMonth is not (>= 1 and <= 28))
                    {
                        throw BillingErrors.AutopayInvalid("enabling needs a dayOfMonth between 1 and 28");
                    }
                }

                return await ctx.Service<AutopaySettings>().SetAsync(input.AccountId, input.Enabled, input.Method, input.DayOfMonth, ctx.Caller(), ctx.CancellationToken)
                    ?? throw BillingErrors.AccountNotFound(input.AccountId);
            });
    }

    private static IDataLoaderResult<string?> OwnerOf(AccessRequest request, string accountId) =>
        request.Services.GetRequiredService<AccountByIdLoader>().LoadAsync(accountId).Then(account => account?.CustomerId);

    private static PaymentRequest Validate(MakePaymentInput input, string? caller)
    {
        if (!(input.Amount > 0))
        {
            throw BillingErrors.PaymentAmountInvalid("it must be greater than 0");
        }

        // Compared as a double first: converting a huge double to decimal would overflow.
        if (input.Amount > (double)PaymentRules.MaxAmount)
        {
            throw BillingErrors.PaymentAmountInvalid($"it must be at most {PaymentRules.MaxAmount}");
        }

        var amount = (decimal)input.Amount;
        var minor = PaymentRules.ToMinorUnits(amount) ?? throw BillingErrors.PaymentAmountInvalid("it must have at most two decimals");
        var key = input.IdempotencyKey;
        if (string.IsNullOrWhiteSpace(key) || key.Length > PaymentRules.MaxIdempotencyKeyLength)
        {
            throw BillingErrors.IdempotencyKeyInvalid();
        }

        return new PaymentRequest(input.AccountId, minor, input.Method, key, caller);
    }
}
