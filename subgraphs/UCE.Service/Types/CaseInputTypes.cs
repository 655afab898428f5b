using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>GraphQL input <c>OpenCaseInput</c>.</summary>
public sealed class OpenCaseInputType : InputObjectGraphType<OpenCaseInput>
{
    public OpenCaseInputType()
    {
        Name = "OpenCaseInput";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<NonNullGraphType<CaseCategoryType>>("category");
        Field<NonNullGraphType<StringGraphType>>("subject").Description("A short title, at most 200 characters.");
        Field<NonNullGraphType<StringGraphType>>("description").Description("What the customer needs, at most 4,000 characters.");
        Field<CasePriorityType>("priority").Description("Agents only; by default HIGH for outages and regulatory complaints, NORMAL otherwise.");
        Field<CaseChannelType>("channel").Description("By default WEB when a customer opens the case, PHONE when an agent does.");
        Field<CaseQueueType>("queue").Description("Agents only; by default the category's queue.");
        Field<IdGraphType>("accountId").Description("The account the case concerns.");
        Field<IdGraphType>("billId").Description("The bill the case concerns.");
        Field<IdGraphType>("outageId").Description("The outage the case concerns.");
        Field<IdGraphType>("enrollmentId").Description("The product enrollment the case concerns.");
    }
}

/// <summary>GraphQL input <c>AssignCaseInput</c>.</summary>
public sealed class AssignCaseInputType : InputObjectGraphType<AssignCaseInput>
{
    public AssignCaseInputType()
    {
        Name = "AssignCaseInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<StringGraphType>("agent").Description("The agent's subject; the calling agent when omitted.");
        Field<CaseQueueType>("queue").Description("A queue to move the case to; it stays where it is when omitted.");
    }
}

/// <summary>GraphQL input <c>AddCaseNoteInput</c>.</summary>
public sealed class AddCaseNoteInputType : InputObjectGraphType<AddCaseNoteInput>
{
    public AddCaseNoteInputType()
    {
        Name = "AddCaseNoteInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<StringGraphType>>("body").Description("At most 4,000 characters.");
        Field<CaseNoteVisibilityType>("visibility").Description("INTERNAL by default for agents; a customer's notes are always CUSTOMER_VISIBLE.");
    }
}

/// <summary>GraphQL input <c>ChangeCaseStatusInput</c>.</summary>
public sealed class ChangeCaseStatusInputType : InputObjectGraphType<ChangeCaseStatusInput>
{
    public ChangeCaseStatusInputType()
    {
        Name = "ChangeCaseStatusInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<CaseStatusType>>("status")
            .Description("IN_PROGRESS, WAITING_ON_CUSTOMER or CLOSED; ASSIGNED goes through assignCase, RESOLVED through resolveCase, a reopen through reopenCase.");
    }
}

/// <summary>GraphQL input <c>ResolveCaseInput</c>.</summary>
public sealed class ResolveCaseInputType : InputObjectGraphType<ResolveCaseInput>
{
    public ResolveCaseInputType()
    {
        Name = "ResolveCaseInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<CaseResolutionCodeType>>("resolutionCode");
        Field<StringGraphType>("summary").Description("What to tell the customer; kept as a customer-visible note.");
    }
}

/// <summary>GraphQL input <c>ReopenCaseInput</c>.</summary>
public sealed class ReopenCaseInputType : InputObjectGraphType<ReopenCaseInput>
{
    public ReopenCaseInputType()
    {
        Name = "ReopenCaseInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<StringGraphType>("reason").Description("Why the case is reopened; kept as a note.");
    }
}

/// <summary>GraphQL input <c>SubmitCaseSurveyInput</c>.</summary>
public sealed class SubmitCaseSurveyInputType : InputObjectGraphType<SubmitCaseSurveyInput>
{
    public SubmitCaseSurveyInputType()
    {
        Name = "SubmitCaseSurveyInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<IntGraphType>>("score").Description("0 (not at all likely to recommend us) to 10 (extremely likely).");
        Field<StringGraphType>("comment").Description("At most 2,000 characters.");
    }
}
