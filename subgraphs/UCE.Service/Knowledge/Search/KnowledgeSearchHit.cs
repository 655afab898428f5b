namespace UCE.Service.Knowledge.Search;

/// <summary>One hit of a search: the published version that matched, its place, and its highlighted title and snippet.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="VersionId">Its published version that matched.</param>
/// <param name="TitleMatches">How many of the searched words the title holds; hits with more come first.</param>
/// <param name="Mentions">How often the searched words occur in title and body; among equal titles, more come first.</param>
/// <param name="Score">The engine's own relevance (PostgreSQL <c>ts_rank</c>, SQLite <c>-bm25</c>): orders hits within
/// one search, not comparable across engines.</param>
/// <param name="MarkedTitle">The title with the matches between <see cref="KnowledgeHighlight"/>'s markers (not escaped yet).</param>
/// <param name="MarkedSnippet">Passages of the body, marked the same way.</param>
public sealed record KnowledgeSearchHit(string ArticleId, long VersionId, int TitleMatches, int Mentions, double Score, string MarkedTitle, string MarkedSnippet)
{
    /// <summary>1 for the best hit.</summary>
    public int Position { get; init; }
}
