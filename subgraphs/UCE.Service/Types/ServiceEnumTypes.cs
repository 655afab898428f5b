using UCE.Service.Data;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Service.Types;

/// <summary>GraphQL enum <c>CaseCategory</c>.</summary>
public sealed class CaseCategoryType() : NamedEnumerationGraphType<CaseCategory>(
    "CaseCategory",
    "What a case is about; it decides the default queue, the default priority and the SLA.");

/// <summary>GraphQL enum <c>CasePriority</c>.</summary>
public sealed class CasePriorityType() : NamedEnumerationGraphType<CasePriority>(
    "CasePriority",
    "How urgent a case is; a higher priority shortens the SLA.");

/// <summary>GraphQL enum <c>CaseChannel</c>.</summary>
public sealed class CaseChannelType() : NamedEnumerationGraphType<CaseChannel>(
    "CaseChannel",
    "Where the customer raised the case.");

/// <summary>GraphQL enum <c>CaseStatus</c>.</summary>
public sealed class CaseStatusType() : NamedEnumerationGraphType<CaseStatus>(
    "CaseStatus",
    "NEW → ASSIGNED → IN_PROGRESS ⇄ WAITING_ON_CUSTOMER → RESOLVED → CLOSED; a resolved or closed case may be reopened within 30 days of its resolution.");

/// <summary>GraphQL enum <c>CaseQueue</c>.</summary>
public sealed class CaseQueueType() : NamedEnumerationGraphType<CaseQueue>(
    "CaseQueue",
    "The contact-centre team a case waits with.");

/// <summary>GraphQL enum <c>CaseResolutionCode</c>.</summary>
public sealed class CaseResolutionCodeType() : NamedEnumerationGraphType<CaseResolutionCode>(
    "CaseResolutionCode",
    "How a case was resolved.");

/// <summary>GraphQL enum <c>CaseNoteVisibility</c>.</summary>
public sealed class CaseNoteVisibilityType() : NamedEnumerationGraphType<CaseNoteVisibility>(
    "CaseNoteVisibility",
    "Who may read a note: INTERNAL notes are for staff only, CUSTOMER_VISIBLE ones for the case's customer too.");
