namespace UCE.Service.Types;

/// <summary>An entity another subgraph owns (an account, an outage), known here by its id.</summary>
public sealed record EntityReference(string Id);

/// <summary>An entity another subgraph owns that a case points at, with the case's customer for its access rule.</summary>
public sealed record LinkedEntity(string Id, string CustomerId);
