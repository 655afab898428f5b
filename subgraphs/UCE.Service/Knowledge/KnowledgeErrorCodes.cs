namespace UCE.Service.Knowledge;

/// <summary>The <c>extensions.code</c> values of the knowledge base (beside <c>FORBIDDEN</c> and <c>BAD_USER_INPUT</c>).</summary>
public static class KnowledgeErrorCodes
{
    /// <summary>No article has the id, or the caller may read its audience but it has no version the caller may see.</summary>
    public const string ArticleNotFound = "KNOWLEDGE_ARTICLE_NOT_FOUND";

    /// <summary>The article has no version with that number.</summary>
    public const string VersionNotFound = "KNOWLEDGE_VERSION_NOT_FOUND";

    /// <summary>Only a draft can be published.</summary>
    public const string VersionNotDraft = "KNOWLEDGE_VERSION_NOT_DRAFT";

    /// <summary>The article has no published version to retire or rate.</summary>
    public const string ArticleNotPublished = "KNOWLEDGE_ARTICLE_NOT_PUBLISHED";

    /// <summary>A title, body or comment is empty or too long.</summary>
    public const string ArticleInvalid = "KNOWLEDGE_ARTICLE_INVALID";

    /// <summary>The search has no word to look for (empty, only stop words, punctuation or exclusions).</summary>
    public const string QueryEmpty = "KNOWLEDGE_QUERY_EMPTY";

    /// <summary>The search is longer than <see cref="KnowledgeLimits.QueryLength"/> characters or <see cref="KnowledgeLimits.QueryWords"/> words.</summary>
    public const string QueryTooLong = "KNOWLEDGE_QUERY_TOO_LONG";
}
