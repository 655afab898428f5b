namespace UCE.Service.Knowledge.Search;

/// <summary>Which published versions a search may return, and which categories go first.</summary>
/// <param name="Audiences">The audiences the caller may read (<see cref="KnowledgeVisibility.AudiencesFor"/>).</param>
/// <param name="Category">Only this category, when set.</param>
/// <param name="Preferred">Categories ranked before all others (a case's suggestions), when set.</param>
public sealed record KnowledgeSearchScope(IReadOnlyList<KnowledgeAudience> Audiences, KnowledgeCategory? Category = null, IReadOnlyList<KnowledgeCategory>? Preferred = null);
