using GraphQL;
using GraphQL.Types;
using UCE.Service.Data;
using UCE.Service.Knowledge;
using UCE.Subgraphs.Hosting;

namespace UCE.Service.Types;

/// <summary>The knowledge base's fields on <c>Case</c>.</summary>
public static class KnowledgeCaseFields
{
    private const int DefaultSuggestions = 3;
    private const int MaxSuggestions = 10;

    public static void AddTo(ObjectGraphType<Case> caseType)
    {
        ArgumentNullException.ThrowIfNull(caseType);
        caseType.Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnowledgeSearchHitType>>>>("suggestedArticles")
            .Description(
                "Published articles the caller may read that match any word of the case's subject and description, articles of the " +
                "case's category first (billing for BILLING_INQUIRY and HIGH_BILL, payments for PAYMENT_ARRANGEMENT, …); first 1–10.")
            .Argument<IntGraphType>("first", arg => arg.DefaultValue = DefaultSuggestions)
            .Resolve(context =>
            {
                var first = KnowledgeQueryFields.First(context, DefaultSuggestions, MaxSuggestions);
                return context.Service<SuggestedArticlesLoader>().LoadAsync(CaseArticleSuggestions.KeyFor(context.Source, context.Caller(), first));
            });
    }
}
