using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Billing.Types;

/// <summary>GraphQL enum <c>BillStatus</c>.</summary>
public sealed class BillStatusType() : NamedEnumerationGraphType<BillStatus>(
    "BillStatus",
    "Where a bill stands with respect to payment.");

/// <summary>GraphQL enum <c>BillLineItemKind</c>.</summary>
public sealed class BillLineItemKindType() : NamedEnumerationGraphType<LineItemKind>(
    "BillLineItemKind",
    "What a bill line charges for.");

/// <summary>GraphQL enum <c>PaymentMethod</c>.</summary>
public sealed class PaymentMethodType() : NamedEnumerationGraphType<PaymentMethod>(
    "PaymentMethod",
    "How a payment is made.");

/// <summary>GraphQL enum <c>PaymentStatus</c>.</summary>
public sealed class PaymentStatusType() : NamedEnumerationGraphType<PaymentStatus>(
    "PaymentStatus",
    "Processing state of a payment.");
