using YamlDotNet.RepresentationModel;

namespace UCE.Gateway.Tests.Deployment;

/// <summary>The objects <c>helm template</c> makes of <c>deploy/helm/uce-graph</c> with some values, parsed.</summary>
internal sealed class RenderedChart
{
    public const string ChartPath = "deploy/helm/uce-graph";

    public const string Release = "uce";

    private static readonly Lazy<RenderedChart> DefaultValues = new(() => Render());

    private RenderedChart(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    /// <summary>The chart with its own values.yaml only.</summary>
    public static RenderedChart Default => DefaultValues.Value;

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    /// <summary>Renders with <paramref name="values"/> (YAML, as in a <c>-f</c> file) over the chart's values.yaml.</summary>
    public static RenderedChart Render(string? values = null)
    {
        List<string> arguments = ["template", Release, RepositoryFiles.PathOf(ChartPath), "--namespace", "uce"];
        var file = values is null ? null : Path.Combine(Path.GetTempPath(), $"uce-helm-values-{Guid.NewGuid():N}.yaml");
        try
        {
            if (file is not null)
            {
                File.WriteAllText(file, values);
                arguments.AddRange(["--values", file]);
            }

            var output = HelmTool.Run([.. arguments]);
            var stream = new YamlStream();
            stream.Load(new StringReader(output));
            return new RenderedChart([.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()]);
        }
        finally
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    public YamlMappingNode Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.Text("metadata", "name") == name)
            ?? throw new InvalidOperationException($"No {kind} {name} in the rendered chart.");

    /// <summary>The Deployment of <paramref name="component"/> (<c>gateway</c> or a subgraph's name).</summary>
    public YamlMappingNode Deployment(string component) => Single("Deployment", ObjectName(component));

    public static string ObjectName(string component) => $"{Release}-uce-graph-{component}";
}

/// <summary>Reads a path of keys out of a parsed manifest.</summary>
internal static class YamlPaths
{
    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    public static IReadOnlyDictionary<string, string> Map(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlMappingNode)?.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (p.Value as YamlScalarNode)?.Value ?? "")
            ?? new Dictionary<string, string>();

    /// <summary>A Deployment's one container.</summary>
    public static YamlMappingNode Container(this YamlMappingNode deployment) =>
        deployment.Items("spec", "template", "spec", "containers").Single();

    /// <summary>A container's environment by name: the value, or <c>secret:&lt;name&gt;/&lt;key&gt;</c> for a Secret reference.</summary>
    public static IReadOnlyDictionary<string, string> Environment(this YamlMappingNode container) =>
        container.Items("env").ToDictionary(
            variable => variable.Text("name")!,
            variable => variable.At("valueFrom", "secretKeyRef") is { } secret
                ? $"secret:{secret.Text("name")}/{secret.Text("key")}"
                : variable.Text("value") ?? "");
}
