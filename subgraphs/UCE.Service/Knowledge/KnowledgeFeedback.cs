namespace UCE.Service.Knowledge;

/// <summary>A reader's "was this helpful?" answer about an article, with an optional comment.</summary>
public sealed class KnowledgeFeedback
{
    public long Id { get; set; }

    public required string ArticleId { get; init; }

    /// <summary>The published version the reader saw.</summary>
    public required int VersionNumber { get; set; }

    public required bool Helpful { get; set; }

    public string? Comment { get; set; }

    /// <summary>
    /// Who rated, when known (<c>customer:cus-000001</c>, <c>subject:agent-7</c>): one rating per reader and article, a
    /// second replaces the first. Null for anonymous readers, each of whose ratings counts.
    /// </summary>
    public string? RaterKey { get; init; }

    public required DateTime CreatedAt { get; set; }
}
