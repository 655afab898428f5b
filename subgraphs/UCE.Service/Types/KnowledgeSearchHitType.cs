using GraphQL.Types;
using UCE.Service.Knowledge;
using UCE.Service.Knowledge.Search;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>KnowledgeSearchHit</c>.</summary>
public sealed class KnowledgeSearchHitType : ObjectGraphType<KnowledgeSearchHit>
{
    public KnowledgeSearchHitType()
    {
        Name = "KnowledgeSearchHit";
        Description = "One article found by a search, best first.";
        Field<NonNullGraphType<IntGraphType>>("position").Description("1 for the best hit.").Resolve(context => context.Source.Position);
        Field<NonNullGraphType<FloatGraphType>>("score")
            .Description("The store's relevance (PostgreSQL ts_rank, SQLite -bm25): orders the hits of one search, not comparable across stores.")
            .Resolve(context => context.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("title")
            .Description("The title as HTML: the text escaped, the searched words in <mark>…</mark>.")
            .Resolve(context => KnowledgeHighlight.ToHtml(context.Source.MarkedTitle));
        Field<NonNullGraphType<StringGraphType>>("snippet")
            .Description("Up to two passages of the body (Markdown removed) around the searched words, as HTML: the text escaped, the words in <mark>…</mark>, passages joined by \" … \".")
            .Resolve(context => KnowledgeHighlight.ToHtml(context.Source.MarkedSnippet));
        Field<NonNullGraphType<KnowledgeArticleType>>("article")
            .Resolve(context => context.Service<KnowledgeArticleByIdLoader>().LoadAsync(context.Source.ArticleId)
                .Then(article => KnowledgeArticleType.ViewFor(context, article ?? throw new InvalidOperationException($"Article '{context.Source.ArticleId}' vanished after it was found."))));
    }
}
