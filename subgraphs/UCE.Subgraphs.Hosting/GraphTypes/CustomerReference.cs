namespace UCE.Subgraphs.Hosting.GraphTypes;

/// <summary>A customer owned by the customers subgraph, known to another subgraph by its id.</summary>
public sealed record CustomerReference(string Id);
