namespace UCE.Gateway.Engine.Supergraph;

/// <summary>One subgraph of a supergraph, from a value of the <c>join__Graph</c> enum.</summary>
/// <param name="Name">The subgraph's name (the <c>name</c> argument of <c>@join__graph</c>).</param>
/// <param name="EnumValue">The <c>join__Graph</c> enum value that stands for it in join directives.</param>
/// <param name="Url">Where the subgraph answers GraphQL requests.</param>
public sealed record SubgraphInfo(string Name, string EnumValue, string Url);
