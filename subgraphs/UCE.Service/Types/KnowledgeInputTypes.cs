using GraphQL.Types;
using UCE.Service.Knowledge;

namespace UCE.Service.Types;

/// <summary>GraphQL input <c>CreateKnowledgeArticleInput</c>.</summary>
public sealed class CreateKnowledgeArticleInputType : InputObjectGraphType<KnowledgeDraftInput>
{
    public CreateKnowledgeArticleInputType()
    {
        Name = "CreateKnowledgeArticleInput";
        Field<NonNullGraphType<KnowledgeCategoryType>>("category");
        Field<NonNullGraphType<KnowledgeAudienceType>>("audience");
        Field<NonNullGraphType<StringGraphType>>("title").Description("1 to 200 characters.");
        Field<NonNullGraphType<StringGraphType>>("body").Description("Markdown, up to 100,000 characters.");
    }
}

/// <summary>GraphQL input <c>ReviseKnowledgeArticleInput</c>.</summary>
public sealed class ReviseKnowledgeArticleInputType : InputObjectGraphType<KnowledgeDraftInput>
{
    public ReviseKnowledgeArticleInputType()
    {
        Name = "ReviseKnowledgeArticleInput";
        Description = "A new draft; fields left out keep the newest version's value.";
        Field<NonNullGraphType<IdGraphType>>("articleId");
        Field<KnowledgeCategoryType>("category");
        Field<KnowledgeAudienceType>("audience");
        Field<StringGraphType>("title");
        Field<StringGraphType>("body");
    }
}

/// <summary>GraphQL input <c>PublishKnowledgeArticleInput</c>.</summary>
public sealed class PublishKnowledgeArticleInputType : InputObjectGraphType
{
    public PublishKnowledgeArticleInputType()
    {
        Name = "PublishKnowledgeArticleInput";
        Field<NonNullGraphType<IdGraphType>>("articleId");
        Field<NonNullGraphType<IntGraphType>>("version").Description("The number of the draft to publish.");
    }
}

/// <summary>GraphQL input <c>RateKnowledgeArticleInput</c>.</summary>
public sealed class RateKnowledgeArticleInputType : InputObjectGraphType
{
    public RateKnowledgeArticleInputType()
    {
        Name = "RateKnowledgeArticleInput";
        Field<NonNullGraphType<IdGraphType>>("articleId");
        Field<NonNullGraphType<BooleanGraphType>>("helpful");
        Field<StringGraphType>("comment").Description("Up to 1,000 characters.");
    }
}
