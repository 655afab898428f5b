namespace UCE.Service.Knowledge;

/// <summary>Where a version of an article stands: written, live, or taken down.</summary>
public enum KnowledgeVersionStatus
{
    /// <summary>Being written; seen by its author and supervisors only.</summary>
    Draft,

    /// <summary>Live: at most one version of an article at a time; what search and readers see.</summary>
    Published,

    /// <summary>Replaced by a newer version or taken down; seen by its author and supervisors only.</summary>
    Retired,
}
