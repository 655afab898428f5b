using GraphQL.Types;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>CaseSurvey</c>.</summary>
public sealed class CaseSurveyType : ObjectGraphType<CaseSurvey>
{
    public CaseSurveyType()
    {
        Name = "CaseSurvey";
        Description = "The customer's answer to the survey offered when their case closed.";
        this.Authorize(Access.CustomerData<CaseSurvey>(survey => survey.CustomerId));
        Field<NonNullGraphType<IntGraphType>>("score").Description("0 to 10: 9–10 promoters, 7–8 passives, 0–6 detractors.").Resolve(context => context.Source.Score);
        Field<StringGraphType>("comment").Resolve(context => context.Source.Comment);
        Field<NonNullGraphType<DateTimeGraphType>>("submittedAt").Resolve(context => context.Source.SubmittedAt);
    }
}
