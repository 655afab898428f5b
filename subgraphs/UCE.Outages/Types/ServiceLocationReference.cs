namespace UCE.Outages.Types;

/// <summary>A service location owned by the customers subgraph, known here by its id.</summary>
public sealed record ServiceLocationReference(string Id);
