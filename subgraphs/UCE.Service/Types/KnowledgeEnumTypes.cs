using GraphQL.Types;
using UCE.Service.Knowledge;

namespace UCE.Service.Types;

/// <summary>GraphQL enum <c>KnowledgeCategory</c>.</summary>
public sealed class KnowledgeCategoryType : EnumerationGraphType<KnowledgeCategory>
{
    public KnowledgeCategoryType()
    {
        Name = "KnowledgeCategory";
        Description = "The subject area of a knowledge article.";
    }
}

/// <summary>GraphQL enum <c>KnowledgeAudience</c>.</summary>
public sealed class KnowledgeAudienceType : EnumerationGraphType<KnowledgeAudience>
{
    public KnowledgeAudienceType()
    {
        Name = "KnowledgeAudience";
        Description = "Who may read a published article: PUBLIC (everybody) or AGENT_ONLY (agents and supervisors).";
    }
}

/// <summary>GraphQL enum <c>KnowledgeVersionStatus</c>.</summary>
public sealed class KnowledgeVersionStatusType : EnumerationGraphType<KnowledgeVersionStatus>
{
    public KnowledgeVersionStatusType()
    {
        Name = "KnowledgeVersionStatus";
        Description = "DRAFT → PUBLISHED → RETIRED; one published version per article, publishing a draft retires the previous one.";
    }
}
