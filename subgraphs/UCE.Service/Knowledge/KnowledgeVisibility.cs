using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Knowledge;

/// <summary>
/// Who sees which version of an article.
/// <list type="bullet">
/// <item>A published version: every reader of its audience. <c>PUBLIC</c>: anonymous callers, customers, agents,
/// supervisors, partners with <c>knowledge:read</c>. <c>AGENT_ONLY</c>: agents and supervisors.</item>
/// <item>A draft or retired version: supervisors, and the agent who wrote it.</item>
/// <item>Services read nothing.</item>
/// </list>
/// An article shows its published version when the caller may see it, else the newest version the caller may see.
/// </summary>
public static class KnowledgeVisibility
{
    private static readonly KnowledgeAudience[] Everything = [KnowledgeAudience.Public, KnowledgeAudience.AgentOnly];
    private static readonly KnowledgeAudience[] PublicOnly = [KnowledgeAudience.Public];

    /// <summary>The callers that may read published public articles (the rule of the knowledge base's read fields).</summary>
    public static AccessRule Readers { get; } = Access.PublicData(AccessScopes.KnowledgeRead);

    /// <summary>The audiences of published versions <paramref name="caller"/> may read.</summary>
    public static IReadOnlyList<KnowledgeAudience> AudiencesFor(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role switch
        {
            CallerRole.Agent or CallerRole.Supervisor => Everything,
            CallerRole.Partner when caller.HasScope(AccessScopes.KnowledgeRead) => PublicOnly,
            CallerRole.Anonymous or CallerRole.Customer => PublicOnly,
            _ => [],
        };
    }

    /// <summary>True when <paramref name="caller"/> may see <paramref name="version"/>.</summary>
    public static bool MaySee(CallerIdentity caller, KnowledgeArticleVersion version)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(version);
        return version.Status == KnowledgeVersionStatus.Published
            ? AudiencesFor(caller).Contains(version.Audience)
            : IsEditorOf(caller, version);
    }

    /// <summary>Supervisors edit every version; an agent the versions they wrote.</summary>
    public static bool IsEditorOf(CallerIdentity caller, KnowledgeArticleVersion version) =>
        caller.Role == CallerRole.Supervisor
        || (caller.Role == CallerRole.Agent && caller.Subject is { } subject && string.Equals(subject, version.CreatedBy, StringComparison.Ordinal));

    /// <summary>What <paramref name="caller"/> sees of <paramref name="article"/>.</summary>
    public static KnowledgeArticleView View(CallerIdentity caller, KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var visible = article.Versions.Where(v => MaySee(caller, v)).OrderByDescending(v => v.Number).ToList();
        var shown = visible.FirstOrDefault(v => v.Status == KnowledgeVersionStatus.Published) ?? visible.FirstOrDefault();
        return new KnowledgeArticleView(article, shown, visible);
    }

    /// <summary>
    /// The view of an article asked for by id, or the error: <c>KNOWLEDGE_ARTICLE_NOT_FOUND</c> when it does not exist or
    /// the caller may read its audience but it has no version the caller may see (a draft or a retired article is not
    /// shown to readers); <c>FORBIDDEN</c> when the caller may not read it at all (an agent-only article asked for by a
    /// customer, another agent's draft asked for by an agent).
    /// </summary>
    public static KnowledgeArticleView Require(CallerIdentity caller, KnowledgeArticle? article, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (article is null)
        {
            throw NotFound(id);
        }

        var view = View(caller, article);
        if (view.Shown is not null)
        {
            return view;
        }

        var published = article.Versions.FirstOrDefault(v => v.Status == KnowledgeVersionStatus.Published);
        var isStaff = caller.Role is CallerRole.Agent or CallerRole.Supervisor;
        if (published is not null || isStaff)
        {
            throw new DomainError(ErrorCodes.Forbidden, $"You may not read knowledge article '{id}'.");
        }

        throw NotFound(id);
    }

    public static DomainError NotFound(string id) =>
        new(KnowledgeErrorCodes.ArticleNotFound, $"No knowledge article has id '{id}'.");
}
