using YamlDotNet.RepresentationModel;

namespace UCE.Gateway.Composition.Configuration;

/// <summary>Rover's <c>supergraph.yaml</c>: the federation version and, per subgraph, its routing URL and schema source.</summary>
public sealed class RoverConfig
{
    public string? FederationVersion { get; init; }

    public IReadOnlyList<RoverSubgraph> Subgraphs { get; init; } = [];

    /// <summary>Reads a config file; relative schema file paths resolve against the file's directory.</summary>
    public static RoverConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath), Path.GetDirectoryName(fullPath)!);
    }

    /// <summary>Parses config text; throws <see cref="FormatException"/> naming the problem when it is malformed.</summary>
    public static RoverConfig Parse(string yaml, string baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"supergraph config is not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException("supergraph config must be a mapping with a 'subgraphs' key");
        }

        var version = Scalar(root, "federation_version");
        if (!root.Children.TryGetValue(new YamlScalarNode("subgraphs"), out var subgraphsNode) || subgraphsNode is not YamlMappingNode subgraphs)
        {
            throw new FormatException("supergraph config has no 'subgraphs' mapping");
        }

        var result = new List<RoverSubgraph>();
        foreach (var (nameNode, valueNode) in subgraphs.Children)
        {
            var name = ((YamlScalarNode)nameNode).Value ?? "";
            if (valueNode is not YamlMappingNode subgraph)
            {
                throw new FormatException($"subgraph '{name}' must be a mapping with routing_url and schema");
            }

            var routingUrl = Scalar(subgraph, "routing_url");
            if (!subgraph.Children.TryGetValue(new YamlScalarNode("schema"), out var schemaNode) || schemaNode is not YamlMappingNode schema)
            {
                throw new FormatException($"subgraph '{name}' has no 'schema' mapping");
            }

            var file = Scalar(schema, "file");
            var subgraphUrl = Scalar(schema, "subgraph_url");
            var sdl = Scalar(schema, "sdl");
            if (file is null && subgraphUrl is null && sdl is null)
            {
                throw new FormatException($"subgraph '{name}' schema needs 'file', 'subgraph_url' or 'sdl'");
            }

            result.Add(new RoverSubgraph(
                name,
                routingUrl ?? subgraphUrl ?? throw new FormatException($"subgraph '{name}' has no routing_url"),
                file is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, file)),
                subgraphUrl is null ? null : new Uri(subgraphUrl),
                sdl));
        }

        return new RoverConfig { FederationVersion = version, Subgraphs = result };
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>Loads every subgraph's SDL: from its file, inline, or from a running subgraph's <c>_service { sdl }</c>.</summary>
    public async Task<IReadOnlyList<SubgraphDefinition>> LoadSubgraphsAsync(HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        var definitions = new List<SubgraphDefinition>();
        foreach (var subgraph in Subgraphs)
        {
            string sdl;
            if (subgraph.SchemaFile is not null)
            {
                sdl = await File.ReadAllTextAsync(subgraph.SchemaFile, cancellationToken).ConfigureAwait(false);
            }
            else if (subgraph.Sdl is not null)
            {
                sdl = subgraph.Sdl;
            }
            else
            {
                if (httpClient is null)
                {
                    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                    sdl = await SubgraphIntrospection.FetchSdlAsync(client, subgraph.SubgraphUrl!, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    sdl = await SubgraphIntrospection.FetchSdlAsync(httpClient, subgraph.SubgraphUrl!, cancellationToken).ConfigureAwait(false);
                }
            }

            definitions.Add(new SubgraphDefinition(subgraph.Name, subgraph.RoutingUrl, sdl));
        }

        return definitions;
    }
}

/// <summary>One subgraph entry of a Rover config: exactly one of a schema file, a URL to introspect, or inline SDL.</summary>
public sealed record RoverSubgraph(string Name, string RoutingUrl, string? SchemaFile, Uri? SubgraphUrl, string? Sdl);
