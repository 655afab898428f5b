using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>CasePayload</c>: the result of opening, assigning, moving, resolving or reopening a case.</summary>
public sealed class CasePayloadType : ObjectGraphType<CasePayload>
{
    public CasePayloadType()
    {
        Name = "CasePayload";
        Field<NonNullGraphType<CaseType>>("case").Description("The case as it now stands.").Resolve(context => context.Source.Case);
        Field<CaseNoteType>("note").Description("The note the mutation wrote (a resolution summary, a reopen reason), if any.").Resolve(context => context.Source.Note);
    }
}

/// <summary>GraphQL type <c>AddCaseNotePayload</c>.</summary>
public sealed class AddCaseNotePayloadType : ObjectGraphType<CasePayload>
{
    public AddCaseNotePayloadType()
    {
        Name = "AddCaseNotePayload";
        Field<NonNullGraphType<CaseType>>("case").Resolve(context => context.Source.Case);
        Field<NonNullGraphType<CaseNoteType>>("note").Resolve(context => context.Source.Note);
    }
}

/// <summary>GraphQL type <c>SubmitCaseSurveyPayload</c>.</summary>
public sealed class SubmitCaseSurveyPayloadType : ObjectGraphType<CasePayload>
{
    public SubmitCaseSurveyPayloadType()
    {
        Name = "SubmitCaseSurveyPayload";
        Field<NonNullGraphType<CaseType>>("case").Resolve(context => context.Source.Case);
        Field<NonNullGraphType<CaseSurveyType>>("survey").Resolve(context => context.Source.Survey);
    }
}
