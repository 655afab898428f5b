namespace UCE.Gateway.Ide;

/// <summary>The GraphQL IDE in the browser (configuration section <c>Gateway:Ide</c>).</summary>
public sealed class GraphQLIdeOptions
{
    /// <summary>
    /// Whether a browser gets the IDE at <c>/graphql/ui</c> and at <c>GET /graphql</c>. Unset: on in the embedded default, off
    /// when a supergraph file is configured (production).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The folder of Banana Cake Pop's files; by default <c>graphql-ide</c> beside the gateway's binaries, where the build puts
    /// them. Without them the IDE is the gateway's small query page.
    /// </summary>
    public string? AssetsPath { get; set; }
}
