using GraphQL.Types;
using UCE.Billing.Data;

namespace UCE.Billing.Types;

/// <summary>Arguments of <c>makePayment</c>.</summary>
public sealed class MakePaymentInput
{
    public string AccountId { get; set; } = "";

    public double Amount { get; set; }

    public PaymentMethod Method { get; set; }

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>GraphQL input <c>MakePaymentInput</c>.</summary>
public sealed class MakePaymentInputType : InputObjectGraphType<MakePaymentInput>
{
    public MakePaymentInputType()
    {
        Name = "MakePaymentInput";
        Field<NonNullGraphType<IdGraphType>>("accountId");
        Field<NonNullGraphType<FloatGraphType>>("amount").Description("More than 0 and at most 100000, with at most two decimals.");
        Field<NonNullGraphType<PaymentMethodType>>("method");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .Description("Chosen by the client; retrying with the same key and the same payment records it once.");
    }
}

/// <summary>Arguments of <c>setAutopay</c>.</summary>
public sealed class SetAutopayInput
{
    public string AccountId { get; set; } = "";

    public bool Enabled { get; set; }

    public PaymentMethod? Method { get; set; }

    public int? DayOfMonth { get; set; }
}

/// <summary>GraphQL input <c>SetAutopayInput</c>.</summary>
public sealed class SetAutopayInputType : InputObjectGraphType<SetAutopayInput>
{
    public SetAutopayInputType()
    {
        Name = "SetAutopayInput";
        Field<NonNullGraphType<IdGraphType>>("accountId");
        Field<NonNullGraphType<BooleanGraphType>>("enabled");
        Field<PaymentMethodType>("method").Description("Required when enabling; CARD, BANK or WALLET.");
        Field<IntGraphType>("dayOfMonth").Description("Required when enabling; 1–28.");
    }
}

/// <summary>GraphQL type <c>MakePaymentPayload</c>.</summary>
public sealed class MakePaymentPayloadType : ObjectGraphType<PaymentOutcome>
{
    public MakePaymentPayloadType()
    {
        Name = "MakePaymentPayload";
        Field<NonNullGraphType<PaymentType>>("payment").Resolve(ctx => ctx.Source.Payment);
        Field<AccountType>("account").Description("The account after the payment.").Resolve(ctx => ctx.Source.Account);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("True when an earlier request with the same idempotency key had already recorded this payment.")
            .Resolve(ctx => ctx.Source.Replayed);
    }
}

/// <summary>GraphQL type <c>SetAutopayPayload</c>.</summary>
public sealed class SetAutopayPayloadType : ObjectGraphType<BillingAccount>
{
    public SetAutopayPayloadType()
    {
        Name = "SetAutopayPayload";
        Field<AccountType>("account").Resolve(ctx => ctx.Source);
    }
}
