namespace UCE.Service.Types;

/// <summary>A customer owned by the customers subgraph, known here by its id.</summary>
public sealed record CustomerReference(string Id);
