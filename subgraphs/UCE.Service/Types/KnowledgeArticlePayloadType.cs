using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>What a knowledge mutation answers: the article as the caller now sees it.</summary>
public sealed record KnowledgeArticlePayload(UCE.Service.Knowledge.KnowledgeArticleView Article);

/// <summary>GraphQL type <c>KnowledgeArticlePayload</c>.</summary>
public sealed class KnowledgeArticlePayloadType : ObjectGraphType<KnowledgeArticlePayload>
{
    public KnowledgeArticlePayloadType()
    {
        Name = "KnowledgeArticlePayload";
        Field<KnowledgeArticleType>("article")
            .Description("The article after the change, as the caller sees it.")
            .Resolve(context => context.Source.Article);
    }
}
