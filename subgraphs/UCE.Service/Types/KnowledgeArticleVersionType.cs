using GraphQL.Types;
using UCE.Service.Knowledge;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>KnowledgeArticleVersion</c>.</summary>
public sealed class KnowledgeArticleVersionType : ObjectGraphType<KnowledgeArticleVersion>
{
    public KnowledgeArticleVersionType()
    {
        Name = "KnowledgeArticleVersion";
        Description = "One version of an article; its text never changes, a change is a new draft.";
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(context => context.Source.Number);
        Field<NonNullGraphType<KnowledgeVersionStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<KnowledgeCategoryType>>("category").Resolve(context => context.Source.Category);
        Field<NonNullGraphType<KnowledgeAudienceType>>("audience").Resolve(context => context.Source.Audience);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => context.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("body").Description("Markdown.").Resolve(context => context.Source.Body);
        Field<StringGraphType>("author")
            .Description("The subject of the agent or supervisor who wrote it; null for callers who are neither.")
            .Resolve(context => context.Caller().Role is CallerRole.Agent or CallerRole.Supervisor ? context.Source.CreatedBy : null);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(context => context.Source.CreatedAt);
        Field<DateTimeGraphType>("publishedAt").Resolve(context => context.Source.PublishedAt);
        Field<DateTimeGraphType>("retiredAt").Resolve(context => context.Source.RetiredAt);
    }
}
