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

    /// <summary>A new draft by <paramref name="author"/>; its plain text is derived from the Markdown body.</summary>
    public static KnowledgeArticleVersion Draft(
        string articleId, int number, KnowledgeCategory category, KnowledgeAudience audience, string title, string body, string author, DateTime at) => new()
    {
        ArticleId = articleId,
        Number = number,
        Status = KnowledgeVersionStatus.Draft,
        Category = category,
        Audience = audience,
        Title = title,
        Body = body,
        PlainText = MarkdownPlainText.From(body),
        CreatedBy = author,
        CreatedAt = at,
    };

    /// <summary>Makes this version the live one (the caller retires the previous one first).</summary>
    public KnowledgeArticleVersion Publish(string by, DateTime at)
    {
        Status = KnowledgeVersionStatus.Published;
        PublishedAt = at;
        PublishedBy = by;
        return this;
    }

    /// <summary>Takes this version down.</summary>
    public KnowledgeArticleVersion Retire(DateTime at)
    {
        Status = KnowledgeVersionStatus.Retired;
        RetiredAt = at;
        return this;
    }
}
