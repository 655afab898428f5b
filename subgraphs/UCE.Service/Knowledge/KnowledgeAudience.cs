namespace UCE.Service.Knowledge;

/// <summary>Who may read a published version of an article.</summary>
public enum KnowledgeAudience
{
    /// <summary>Everybody: anonymous callers, customers, partners with <c>knowledge:read</c>, agents and supervisors.</summary>
    Public,

    /// <summary>Agents and supervisors only: procedures and internal rules of the contact centre.</summary>
    AgentOnly,
}
