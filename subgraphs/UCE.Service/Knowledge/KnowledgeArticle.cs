namespace UCE.Service.Knowledge;

/// <summary>A knowledge article: a stable id and its versions. Content, category and audience belong to each version.</summary>
public sealed class KnowledgeArticle
{
    public required string Id { get; init; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>The subject of the agent or supervisor who created it.</summary>
    public required string CreatedBy { get; init; }

    public List<KnowledgeArticleVersion> Versions { get; init; } = [];
}
