namespace UCE.Service.Knowledge;

/// <summary>An article as one caller sees it (<see cref="KnowledgeVisibility.View"/>): the GraphQL <c>KnowledgeArticle</c>.</summary>
/// <param name="Article">The article with all its versions.</param>
/// <param name="Shown">The version whose content the caller reads; null when the caller may see none.</param>
/// <param name="Visible">Every version the caller may see, newest first.</param>
public sealed record KnowledgeArticleView(KnowledgeArticle Article, KnowledgeArticleVersion? Shown, IReadOnlyList<KnowledgeArticleVersion> Visible);
