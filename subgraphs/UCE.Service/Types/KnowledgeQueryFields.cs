using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Service.Knowledge;
using UCE.Service.Knowledge.Search;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Service.Types;

/// <summary>The knowledge base's root query fields, added to the subgraph's <c>Query</c>.</summary>
public static class KnowledgeQueryFields
{
    private const int DefaultSearchHits = 10;
    private const int DefaultListed = 20;
    private const int MaxListed = 100;

    public static void AddTo(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);

        query.Field<KnowledgeArticleType>("knowledgeArticle")
            .Description("One article by id. Unknown, or nothing the caller may see of an audience they read (a draft, a retired article): KNOWLEDGE_ARTICLE_NOT_FOUND. An audience or draft the caller may not read: FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(KnowledgeVisibility.Readers)
            .Resolve(context =>
            {
                var id = context.GetArgument<string>("id").Trim();
                return context.Service<KnowledgeArticleByIdLoader>().LoadAsync(id)
                    .Then(article => KnowledgeVisibility.Require(context.Caller(), article, id));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnowledgeArticleType>>>>("knowledgeArticles")
            .Description("Published articles the caller may read, optionally of one category, by title.")
            .Argument<KnowledgeCategoryType>("category")
            .Argument<IntGraphType>("first", arg => arg.DefaultValue = DefaultListed)
            .Authorize(KnowledgeVisibility.Readers)
            .ResolveAsync(async context =>
            {
                var first = First(context, DefaultListed, MaxListed);
                var category = context.GetArgument<KnowledgeCategory?>("category");
                var audiences = KnowledgeVisibility.AudiencesFor(context.Caller()).ToList();
                await using var db = await context.Service<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var published = db.Set<KnowledgeArticleVersion>().AsNoTracking()
                    .Where(v => v.Status == KnowledgeVersionStatus.Published && audiences.Contains(v.Audience));
                if (category is { } wanted)
                {
                    published = published.Where(v => v.Category == wanted);
                }

                var ids = await published.OrderBy(v => v.Title).ThenBy(v => v.ArticleId).Take(first).Select(v => v.ArticleId).ToListAsync(context.CancellationToken);
                var articles = await db.Set<KnowledgeArticle>().AsNoTracking().Where(a => ids.Contains(a.Id)).Include(a => a.Versions).AsSplitQuery()
                    .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, context.CancellationToken);
                return ids.Select(id => KnowledgeArticleType.ViewFor(context, articles[id])).ToList();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<KnowledgeSearchHitType>>>>("searchKnowledgeArticles")
            .Description(
                "Full-text search over the published articles the caller may read, best first: titles holding more of the words, then relevance " +
                "(title weighted over body, English stemming). Every word must match; \"quoted words\" must be a phrase; -word excludes; other " +
                "punctuation separates words; common words (the, how, my …) are ignored. Nothing to look for: KNOWLEDGE_QUERY_EMPTY; over " +
                "256 characters or 12 words: KNOWLEDGE_QUERY_TOO_LONG; first outside 1–50: BAD_USER_INPUT.")
            .Argument<NonNullGraphType<StringGraphType>>("query")
            .Argument<IntGraphType>("first", arg => arg.DefaultValue = DefaultSearchHits)
            .Argument<KnowledgeCategoryType>("category")
            .Authorize(KnowledgeVisibility.Readers)
            .ResolveAsync(async context =>
            {
                var first = First(context, DefaultSearchHits, KnowledgeLimits.MaxHits);
                var query = KnowledgeQuery.Parse(context.GetArgument<string>("query"));
                var scope = new KnowledgeSearchScope(KnowledgeVisibility.AudiencesFor(context.Caller()), context.GetArgument<KnowledgeCategory?>("category"));
                await using var db = await context.Service<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync(context.CancellationToken);
                return await KnowledgeSearch.SearchAsync(db, query, scope, first, context.CancellationToken);
            });
    }

    /// <summary><c>first</c> within 1…<paramref name="max"/>, else <c>BAD_USER_INPUT</c>.</summary>
    internal static int First(IResolveFieldContext context, int fallback, int max)
    {
        var first = context.GetArgument<int?>("first") ?? fallback;
        return first is >= 1 && first <= max
            ? first
            : throw new DomainError(ErrorCodes.BadUserInput, $"first must be between 1 and {max}.");
    }
}
