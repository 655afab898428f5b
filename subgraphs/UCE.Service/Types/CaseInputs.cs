using UCE.Service.Data;

namespace UCE.Service.Types;

/// <summary>The arguments of <c>openCase</c>; everything but the customer, category, subject and description has a default.</summary>
public sealed class OpenCaseInput
{
    public string CustomerId { get; set; } = "";

    public CaseCategory Category { get; set; }

    public string Subject { get; set; } = "";

    public string Description { get; set; } = "";

    public CasePriority? Priority { get; set; }

    public CaseChannel? Channel { get; set; }

    public CaseQueue? Queue { get; set; }

    public string? AccountId { get; set; }

    public string? BillId { get; set; }

    public string? OutageId { get; set; }

    public string? EnrollmentId { get; set; }
}

/// <summary>The arguments of <c>assignCase</c>.</summary>
public sealed class AssignCaseInput
{
    public string CaseId { get; set; } = "";

    /// <summary>The agent's subject; the calling agent when omitted.</summary>
    public string? Agent { get; set; }

    /// <summary>A queue to move the case to; it stays where it is when omitted.</summary>
    public CaseQueue? Queue { get; set; }
}

/// <summary>The arguments of <c>addCaseNote</c>.</summary>
public sealed class AddCaseNoteInput
{
    public string CaseId { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>INTERNAL by default for staff; customers' notes are always CUSTOMER_VISIBLE.</summary>
    public CaseNoteVisibility? Visibility { get; set; }
}

/// <summary>The arguments of <c>changeCaseStatus</c>.</summary>
public sealed class ChangeCaseStatusInput
{
    public string CaseId { get; set; } = "";

    public CaseStatus Status { get; set; }
}

/// <summary>The arguments of <c>resolveCase</c>.</summary>
public sealed class ResolveCaseInput
{
    public string CaseId { get; set; } = "";

    public CaseResolutionCode ResolutionCode { get; set; }

    /// <summary>What to tell the customer; kept as a customer-visible note.</summary>
    public string? Summary { get; set; }
}

/// <summary>The arguments of <c>reopenCase</c>.</summary>
public sealed class ReopenCaseInput
{
    public string CaseId { get; set; } = "";

    /// <summary>Why the case is reopened; kept as a note.</summary>
    public string? Reason { get; set; }
}

/// <summary>The arguments of <c>submitCaseSurvey</c>.</summary>
public sealed class SubmitCaseSurveyInput
{
    public string CaseId { get; set; } = "";

    public int Score { get; set; }

    public string? Comment { get; set; }
}
