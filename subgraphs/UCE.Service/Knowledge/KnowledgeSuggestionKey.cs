namespace UCE.Service.Knowledge;

/// <summary>
/// One case's suggestion search: its id and text, its preferred categories, the audiences the caller reads
/// (comma-separated names) and how many articles.
/// </summary>
public sealed record KnowledgeSuggestionKey(string CaseId, string Text, string PreferredCategories, string Audiences, int First);
