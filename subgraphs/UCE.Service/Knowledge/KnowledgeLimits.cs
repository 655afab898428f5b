namespace UCE.Service.Knowledge;

/// <summary>The sizes the knowledge base accepts; larger input is refused with <c>KNOWLEDGE_ARTICLE_INVALID</c> or a query code.</summary>
public static class KnowledgeLimits
{
    public const int TitleLength = 200;

    public const int BodyLength = 100_000;

    public const int CommentLength = 1_000;

    /// <summary>The longest search text, in characters.</summary>
    public const int QueryLength = 256;

    /// <summary>The most words (and quoted phrases' words) one search may look for.</summary>
    public const int QueryWords = 12;

    /// <summary>The most hits one search returns (<c>first</c>).</summary>
    public const int MaxHits = 50;
}
