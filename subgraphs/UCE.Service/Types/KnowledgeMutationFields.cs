using GraphQL;
using GraphQL.Types;
using UCE.Service.Knowledge;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Service.Types;

/// <summary>The knowledge base's mutations, added to the subgraph's <c>Mutation</c>: agents write drafts, supervisors publish and retire, readers rate.</summary>
public static class KnowledgeMutationFields
{
    public static void AddTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);

        mutation.Field<NonNullGraphType<KnowledgeArticlePayloadType>>("createKnowledgeArticle")
            .Description("A new article whose version 1 is a draft by the caller (agents and supervisors).")
            .Argument<NonNullGraphType<CreateKnowledgeArticleInputType>>("input")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => Payload(context, await context.Service<KnowledgeAuthoring>().CreateAsync(
                context.GetArgument<KnowledgeDraftInput>("input"), context.Caller(), context.CancellationToken)));

        mutation.Field<NonNullGraphType<KnowledgeArticlePayloadType>>("reviseKnowledgeArticle")
            .Description("A new draft version: the newest version's content with the fields given (agents and supervisors).")
            .Argument<NonNullGraphType<ReviseKnowledgeArticleInputType>>("input")
            .Authorize(Access.Staff)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<KnowledgeDraftInput>("input");
                return Payload(context, await context.Service<KnowledgeAuthoring>().ReviseAsync(input.ArticleId, input, context.Caller(), context.CancellationToken));
            });

        mutation.Field<NonNullGraphType<KnowledgeArticlePayloadType>>("publishKnowledgeArticle")
            .Description("Publishes a draft version and retires the version published until now (supervisors).")
            .Argument<NonNullGraphType<PublishKnowledgeArticleInputType>>("input")
            .Authorize(Access.Supervisors)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                return Payload(context, await context.Service<KnowledgeAuthoring>().PublishAsync(
                    (string)input["articleId"]!, (int)input["version"]!, context.Caller(), context.CancellationToken));
            });

        mutation.Field<NonNullGraphType<KnowledgeArticlePayloadType>>("retireKnowledgeArticle")
            .Description("Retires the published version: the article leaves search and readers' view (supervisors).")
            .Argument<NonNullGraphType<IdGraphType>>("articleId")
            .Authorize(Access.Supervisors)
            .ResolveAsync(async context => Payload(context, await context.Service<KnowledgeAuthoring>().RetireAsync(
                context.GetArgument<string>("articleId"), context.CancellationToken)));

        mutation.Field<NonNullGraphType<KnowledgeArticlePayloadType>>("rateKnowledgeArticle")
            .Description("Whether the published article helped (and an optional comment of up to 1,000 characters). A customer or signed-in reader has one rating per article, which rating again replaces.")
            .Argument<NonNullGraphType<RateKnowledgeArticleInputType>>("input")
            .Authorize(KnowledgeVisibility.Readers)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                return Payload(context, await context.Service<KnowledgeAuthoring>().RateAsync(
                    (string)input["articleId"]!, (bool)input["helpful"]!, input.GetValueOrDefault("comment") as string, context.Caller(), context.CancellationToken));
            });
    }

    private static KnowledgeArticlePayload Payload(IResolveFieldContext context, KnowledgeArticle article) =>
        new(KnowledgeArticleType.ViewFor(context, article));
}
