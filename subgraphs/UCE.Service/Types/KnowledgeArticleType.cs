using GraphQL.Types;
using UCE.Service.Knowledge;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>KnowledgeArticle</c>: an article as the caller sees it (<see cref="KnowledgeVisibility"/>).</summary>
public sealed class KnowledgeArticleType : ObjectGraphType<KnowledgeArticleView>
{
    /// <summary>Every article object, however reached, only for a caller who may see one of its versions.</summary>
    public static AccessRule Rule { get; } = new(
        "readers of one of the article's versions: its audience when published, its author and supervisors otherwise",
        request => ValueTask.FromResult(request.Value is KnowledgeArticleView { Shown: not null } ? AccessDecision.Allow() : AccessDecision.Deny()),
        audience: KnowledgeVisibility.Readers.Audience);

    public KnowledgeArticleType()
    {
        Name = "KnowledgeArticle";
        Description = "A knowledge base article. Its content is the published version, or for its author and supervisors the newest version they may see.";
        this.Authorize(Rule);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Article.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => Shown(context).Title);
        Field<NonNullGraphType<StringGraphType>>("body").Description("Markdown.").Resolve(context => Shown(context).Body);
        Field<NonNullGraphType<KnowledgeCategoryType>>("category").Resolve(context => Shown(context).Category);
        Field<NonNullGraphType<KnowledgeAudienceType>>("audience").Resolve(context => Shown(context).Audience);
        Field<NonNullGraphType<KnowledgeVersionStatusType>>("status").Description("The status of the version shown.").Resolve(context => Shown(context).Status);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The number of the version shown.").Resolve(context => Shown(context).Number);
        Field<DateTimeGraphType>("publishedAt").Resolve(context => Shown(context).PublishedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When the version shown was written.").Resolve(context => Shown(context).CreatedAt);
        Field<NonNullGraphType<IntGraphType>>("helpfulCount")
            .Description("Readers who answered that the article helped (every version).")
            .Resolve(context => context.Service<KnowledgeFeedbackCountsLoader>().LoadAsync(context.Source.Article.Id).Then(counts => (counts ?? KnowledgeFeedbackCounts.None).Helpful));
        Field<NonNullGraphType<IntGraphType>>("notHelpfulCount")
            .Description("Readers who answered that it did not.")
            .Resolve(context => context.Service<KnowledgeFeedbackCountsLoader>().LoadAsync(context.Source.Article.Id).Then(counts => (counts ?? KnowledgeFeedbackCounts.None).NotHelpful));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnowledgeArticleVersionType>>>>("versions")
            .Description("The versions the caller may see, newest first: readers the published one; authors and supervisors drafts and retired ones too.")
            .Resolve(context => context.Source.Visible);
    }

    /// <summary>The view of <paramref name="article"/> for the request's caller.</summary>
    public static KnowledgeArticleView ViewFor(GraphQL.IResolveFieldContext context, KnowledgeArticle article) =>
        KnowledgeVisibility.View(context.Caller(), article);

    private static KnowledgeArticleVersion Shown(GraphQL.IResolveFieldContext<KnowledgeArticleView> context) =>
        context.Source.Shown ?? throw new InvalidOperationException("The type rule lets no article without a shown version through.");
}
