using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Customers.Types;

/// <summary><c>RESIDENTIAL</c> or <c>COMMERCIAL</c>.</summary>
public sealed class CustomerSegmentType() : NamedEnumerationGraphType<CustomerSegment>(
    "CustomerSegment",
    "Residential households or commercial businesses.");

/// <summary><c>REGULATED</c> or <c>NON_REGULATED</c>; declared by this subgraph only.</summary>
public sealed class AccountKindType() : NamedEnumerationGraphType<AccountKind>(
    "AccountKind",
    "Regulated utility service or a non-regulated advanced energy solution.");

/// <summary><c>ACTIVE</c>, <c>PENDING</c> or <c>CLOSED</c>.</summary>
public sealed class AccountStatusType() : NamedEnumerationGraphType<AccountStatus>(
    "AccountStatus",
    "Where an account stands.");

/// <summary>The channel of an interaction.</summary>
public sealed class InteractionChannelType() : NamedEnumerationGraphType<InteractionChannel>(
    "InteractionChannel",
    "The channel a contact with the customer happened on.");

/// <summary>How a contact an agent logged ended.</summary>
public sealed class ContactDispositionType() : NamedEnumerationGraphType<ContactDisposition>(
    "ContactDisposition",
    "How a contact an agent logged ended.");

/// <summary><c>START</c>, <c>STOP</c> or <c>MOVE</c>.</summary>
public sealed class ServiceRequestKindType() : NamedEnumerationGraphType<ServiceRequestKind>(
    "ServiceRequestKind",
    "What a service request asks for.");

/// <summary><c>SCHEDULED</c>, <c>COMPLETED</c> or <c>CANCELLED</c>.</summary>
public sealed class ServiceRequestStatusType() : NamedEnumerationGraphType<ServiceRequestStatus>(
    "ServiceRequestStatus",
    "Where a service request stands: scheduled until its day, completed on it (at once when asked for today), or cancelled.");
