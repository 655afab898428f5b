using System.Text.RegularExpressions;
using UCE.Gateway.Embedded;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Database;
using YamlDotNet.RepresentationModel;

namespace UCE.Gateway.Tests.Deployment;

/// <summary>
/// What the services' own sources, Dockerfile and docker-compose.yml say a deployment must give them: the health paths they
/// map, the connection strings they read, the environment compose sets. Read from the files, so that the chart tests follow
/// the code rather than a copy of it.
/// </summary>
internal static partial class ServiceSources
{
    public const string Gateway = "gateway";

    public const string GatewaySources = "gateway/UCE.Gateway";

    public const string SubgraphHostSources = "subgraphs/UCE.Subgraphs.Hosting";

    /// <summary>The seven subgraphs as the gateway's embedded default hosts them: name, port, assembly.</summary>
    public static IReadOnlyList<SubgraphModule> Subgraphs => EmbeddedSubgraphCatalog.Modules;

    /// <summary>Every component: the gateway and the subgraphs by name.</summary>
    public static IEnumerable<string> Components => Subgraphs.Select(s => s.Name).Prepend(Gateway);

    /// <summary>The paths <c>MapHealthChecks</c> maps under <paramref name="directory"/>, with the rest of the mapping's line.</summary>
    public static IReadOnlyList<(string Path, string Mapping)> HealthChecks(string directory) =>
        [.. RepositoryFiles.CSharpSources(directory)
            .SelectMany(source => source.Text.Split('\n'))
            .Select(line => HealthCheckMapping().Match(line))
            .Where(match => match.Success)
            .Select(match => (match.Groups["path"].Value, match.Groups["rest"].Value))];

    /// <summary>The path the Prometheus endpoint is mapped on by the sources under <paramref name="directory"/>.</summary>
    public static string MetricsPath(string directory = GatewaySources) =>
        RepositoryFiles.CSharpSources(directory)
            .Select(source => PrometheusMapping().Match(source.Text))
            .Single(match => match.Success).Groups["path"].Value;

    /// <summary>
    /// Every <c>GetConnectionString(…)</c> in gateway/ and subgraphs/, as the environment variable it is set by
    /// (<c>ConnectionStrings__Billing</c>), per component that reads it: gateway/ is the gateway, the hosting library every
    /// subgraph, a subgraph's project that subgraph.
    /// </summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> ConnectionStringsRead()
    {
        var read = Components.ToDictionary(c => c, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var (path, text) in RepositoryFiles.CSharpSources("gateway").Concat(RepositoryFiles.CSharpSources("subgraphs")))
        {
            foreach (Match match in ConnectionStringRead().Matches(text))
            {
                var expression = match.Groups["expression"].Value.Trim();
                foreach (var (component, module) in ReadersOf(path))
                {
                    read[component].Add("ConnectionStrings__" + Resolve(expression, text, module, path));
                }
            }
        }

        return read;
    }

    /// <summary>The <c>UCE_*</c> settings the subgraph host reads from its configuration (the environment).</summary>
    public static IReadOnlySet<string> SubgraphHostEnvironmentKeys() =>
        RepositoryFiles.CSharpSources(SubgraphHostSources)
            .SelectMany(source => UceEnvironmentKey().Matches(source.Text))
            .Select(match => match.Groups["key"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The Dockerfile's <c>ENV</c> of the runtime image, name to value.</summary>
    public static IReadOnlyDictionary<string, string> DockerfileEnvironment()
    {
        var text = RepositoryFiles.Read("Dockerfile").Replace("\\\n", " ", StringComparison.Ordinal);
        return text.Split('\n')
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(line => DockerfileAssignment().Matches(line[4..]))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
    }

    /// <summary>docker-compose.yml's services: environment (merge keys applied) and build arguments.</summary>
    public static IReadOnlyDictionary<string, ComposeService> Compose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RepositoryFiles.Read("docker-compose.yml")));
        var services = (YamlMappingNode)stream.Documents[0].RootNode.At("services")!;
        return services.Children.ToDictionary(
            service => ((YamlScalarNode)service.Key).Value!,
            service => new ComposeService(Merged(service.Value.At("environment")), Merged(service.Value.At("build", "args"))),
            StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Merged(YamlNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            return result;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
            {
                foreach (var (inheritedKey, inheritedValue) in Merged(value))
                {
                    result.TryAdd(inheritedKey, inheritedValue);
                }
            }
            else
            {
                result[name] = (value as YamlScalarNode)?.Value ?? "";
            }
        }

        return result;
    }

    private static IEnumerable<(string Component, SubgraphModule? Module)> ReadersOf(string path)
    {
        if (path.StartsWith("gateway/", StringComparison.Ordinal))
        {
            return [(Gateway, null)];
        }

        if (path.StartsWith(SubgraphHostSources + "/", StringComparison.Ordinal))
        {
            return Subgraphs.Select(module => (module.Name, (SubgraphModule?)module));
        }

        var project = path.Split('/')[1];
        var owner = Subgraphs.SingleOrDefault(module => module.GetType().Assembly.GetName().Name == project)
            ?? throw new InvalidOperationException($"{path} is in no subgraph's project.");
        return [(owner.Name, owner)];
    }

    /// <summary>The connection string's name an expression evaluates to: a literal, a constant of the same file, a module's name, a sum.</summary>
    private static string Resolve(string expression, string fileText, SubgraphModule? module, string path)
    {
        if (expression.Split('+', 2) is [var left, var right])
        {
            return Resolve(left.Trim(), fileText, module, path) + Resolve(right.Trim(), fileText, module, path);
        }

        if (expression.Length > 1 && expression[0] == '"' && expression[^1] == '"')
        {
            return expression[1..^1];
        }

        if (expression == "ConnectionStringName(module)" && module is not null)
        {
            return DatabaseTarget.ConnectionStringName(module);
        }

        var constant = Regex.Match(fileText, $@"const string {Regex.Escape(expression)} = ""(?<value>[^""]+)""");
        return constant.Success
            ? constant.Groups["value"].Value
            : throw new InvalidOperationException(
                $"{path} reads connection string '{expression}', which this test cannot resolve: teach ServiceSources.Resolve, and the chart, about it.");
    }

    [GeneratedRegex(@"MapHealthChecks\(""(?<path>/[^""]*)""(?<rest>.*)$")]
    private static partial Regex HealthCheckMapping();

    [GeneratedRegex(@"MapPrometheusScrapingEndpoint\(""(?<path>/[^""]*)""\)")]
    private static partial Regex PrometheusMapping();

    [GeneratedRegex(@"GetConnectionString\((?<expression>[^()]*(?:\([^()]*\)[^()]*)*)\)")]
    private static partial Regex ConnectionStringRead();

    [GeneratedRegex(@"Configuration(?:\.GetValue<[^>]+>\(|\[)""(?<key>UCE_[A-Z_]+)""")]
    private static partial Regex UceEnvironmentKey();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex DockerfileAssignment();
}

/// <summary>One docker-compose.yml service: its environment and build arguments.</summary>
internal sealed record ComposeService(IReadOnlyDictionary<string, string> Environment, IReadOnlyDictionary<string, string> BuildArguments);
