using GraphQL.Types;
using UCE.Billing.Data;

namespace UCE.Billing.Types;

/// <summary>GraphQL enum <c>BillStatus</c>.</summary>
public sealed class BillStatusType : EnumerationGraphType<BillStatus>
{
    public BillStatusType()
    {
        Name = "BillStatus";
        Description = "Where a bill stands with respect to payment.";
    }
}

/// <summary>GraphQL enum <c>BillLineItemKind</c>.</summary>
public sealed class BillLineItemKindType : EnumerationGraphType<LineItemKind>
{
    public BillLineItemKindType()
    {
        Name = "BillLineItemKind";
        Description = "What a bill line charges for.";
    }
}

/// <summary>GraphQL enum <c>PaymentMethod</c>.</summary>
public sealed class PaymentMethodType : EnumerationGraphType<PaymentMethod>
{
    public PaymentMethodType()
    {
        Name = "PaymentMethod";
        Description = "How a payment is made.";
    }
}

/// <summary>GraphQL enum <c>PaymentStatus</c>.</summary>
public sealed class PaymentStatusType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusType()
    {
        Name = "PaymentStatus";
        Description = "Processing state of a payment.";
    }
}
