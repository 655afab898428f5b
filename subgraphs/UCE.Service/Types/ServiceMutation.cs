using GraphQL;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Service.Types;

/// <summary>The service subgraph's mutations.</summary>
public sealed class ServiceMutation : ObjectGraphType
{
    public ServiceMutation()
    {
        Name = "Mutation";

        Field<CasePayloadType>("openCase")
            .Description("Opens a case for a customer: NEW, in the category's queue, due by the SLA of its category and priority.")
            .Argument<NonNullGraphType<OpenCaseInputType>>("input")
            .Authorize(Access.CustomerArgument(context => context.GetArgument<OpenCaseInput>("input").CustomerId?.Trim()))
            .ResolveAsync(async context => await Cases(context).OpenAsync(context.GetArgument<OpenCaseInput>("input"), context.Caller(), context.CancellationToken));

        Field<CasePayloadType>("assignCase")
            .Description("Gives an open case to an agent (the caller by default): a NEW case becomes ASSIGNED; optionally moves it to another queue.")
            .Argument<NonNullGraphType<AssignCaseInputType>>("input")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => await Cases(context).AssignAsync(context.GetArgument<AssignCaseInput>("input"), context.Caller(), context.CancellationToken));

        Field<AddCaseNotePayloadType>("addCaseNote")
            .Description("Adds a note to a case that is not closed; a customer's notes are customer-visible.")
            .Argument<NonNullGraphType<AddCaseNoteInputType>>("input")
            .Authorize(CaseAccess.CaseOwnerOrStaff(context => context.GetArgument<AddCaseNoteInput>("input").CaseId))
            .ResolveAsync(async context => await Cases(context).AddNoteAsync(context.GetArgument<AddCaseNoteInput>("input"), context.Caller(), context.CancellationToken));

        Field<CasePayloadType>("changeCaseStatus")
            .Description("Moves a case along its life cycle (INVALID_CASE_TRANSITION when the move is not allowed).")
            .Argument<NonNullGraphType<ChangeCaseStatusInputType>>("input")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => await Cases(context).ChangeStatusAsync(context.GetArgument<ChangeCaseStatusInput>("input"), context.CancellationToken));

        Field<CasePayloadType>("resolveCase")
            .Description("Resolves a case in progress or waiting on the customer, with a resolution code and an optional summary for the customer.")
            .Argument<NonNullGraphType<ResolveCaseInputType>>("input")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => await Cases(context).ResolveAsync(context.GetArgument<ResolveCaseInput>("input"), context.Caller(), context.CancellationToken));

        Field<CasePayloadType>("reopenCase")
            .Description("Reopens a resolved or closed case within 30 days of its resolution: IN_PROGRESS, with a new SLA due time.")
            .Argument<NonNullGraphType<ReopenCaseInputType>>("input")
            .Authorize(CaseAccess.CaseOwnerOrStaff(context => context.GetArgument<ReopenCaseInput>("input").CaseId))
            .ResolveAsync(async context => await Cases(context).ReopenAsync(context.GetArgument<ReopenCaseInput>("input"), context.Caller(), context.CancellationToken));

        Field<SubmitCaseSurveyPayloadType>("submitCaseSurvey")
            .Description("The case's customer answers the survey offered when the case closed: once per case, score 0 to 10.")
            .Argument<NonNullGraphType<SubmitCaseSurveyInputType>>("input")
            .Authorize(CaseAccess.CaseCustomerOnly(context => context.GetArgument<SubmitCaseSurveyInput>("input").CaseId))
            .ResolveAsync(async context => await Cases(context).SubmitSurveyAsync(context.GetArgument<SubmitCaseSurveyInput>("input"), context.CancellationToken));

        KnowledgeMutationFields.AddTo(this);
    }

    private static CaseHandling Cases(IResolveFieldContext context) => context.Service<CaseHandling>();
}
