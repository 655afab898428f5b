namespace UCE.Service.Knowledge;

/// <summary>
/// One version of an article. Its text never changes once written: a change is a new draft. Title and
/// <see cref="PlainText"/> are what full-text search indexes.
/// </summary>
public sealed class KnowledgeArticleVersion
{
    /// <summary>A database-generated key (the SQLite full-text index's row id).</summary>
    public long Id { get; set; }

    public required string ArticleId { get; init; }

    /// <summary>1, 2, … within the article.</summary>
    public required int Number { get; init; }

    public KnowledgeVersionStatus Status { get; set; }

    public required KnowledgeCategory Category { get; init; }

    public required KnowledgeAudience Audience { get; init; }

    public required string Title { get; init; }

    /// <summary>The body in Markdown, as written.</summary>
    public required string Body { get; init; }

    /// <summary>The body as plain text (<see cref="MarkdownPlainText"/>): indexed and cut into snippets.</summary>
    public required string PlainText { get; init; }

    /// <summary>The subject of the agent or supervisor who wrote this version.</summary>
    public required string CreatedBy { get; init; }

    public required DateTime CreatedAt { get; init; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTime? RetiredAt { get; set; }
}
