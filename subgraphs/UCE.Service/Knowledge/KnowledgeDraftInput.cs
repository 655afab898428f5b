namespace UCE.Service.Knowledge;

/// <summary>The content of a new article or of a new draft; a revision keeps the newest version's value for what is null.</summary>
public sealed class KnowledgeDraftInput
{
    public string? ArticleId { get; set; }

    public KnowledgeCategory? Category { get; set; }

    public KnowledgeAudience? Audience { get; set; }

    public string? Title { get; set; }

    /// <summary>Markdown.</summary>
    public string? Body { get; set; }
}
