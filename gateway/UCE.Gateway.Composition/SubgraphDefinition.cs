namespace UCE.Gateway.Composition;

/// <summary>One subgraph to compose: its name (unique), routing URL and schema SDL.</summary>
public sealed record SubgraphDefinition(string Name, string Url, string Sdl);
