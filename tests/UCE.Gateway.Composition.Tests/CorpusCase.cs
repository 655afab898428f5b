using System.Text.Json;

namespace UCE.Gateway.Composition.Tests;

/// <summary>One subgraph set of the corpus with the outcome Apollo's composition gave for it.</summary>
internal sealed record CorpusCase(string Name, string Directory)
{
    public static IEnumerable<object[]> All(string kind) =>
        System.IO.Directory.GetDirectories(Path.Combine(RepositoryPaths.Corpus, kind))
            .Order(StringComparer.Ordinal)
            .Select(d => new object[] { Path.GetFileName(d) });

    public static CorpusCase Load(string kind, string name) => new(name, Path.Combine(RepositoryPaths.Corpus, kind, name));

    /// <summary>The subgraphs, with the URL the oracle script gives them.</summary>
    public IReadOnlyList<SubgraphDefinition> Subgraphs =>
        System.IO.Directory.GetFiles(Directory, "*.graphql")
            .Where(f => Path.GetFileName(f) != "expected.graphql")
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                var name = Path.GetFileNameWithoutExtension(f);
                return new SubgraphDefinition(name, $"http://{name}.local/graphql", File.ReadAllText(f));
            })
            .ToList();

    public string ExpectedSupergraph => File.ReadAllText(Path.Combine(Directory, "expected.graphql"));

    /// <summary>Apollo's hints for a valid set, as "CODE: message" (none when the case has no expected-hints.json).</summary>
    public IReadOnlyList<string> ExpectedHints
    {
        get
        {
            var path = Path.Combine(Directory, "expected-hints.json");
            if (!File.Exists(path))
            {
                return [];
            }

            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.EnumerateArray().Select(e => $"{e.GetProperty("code").GetString()}: {e.GetProperty("message").GetString()}").ToList();
        }
    }

    public IReadOnlyList<string> ExpectedErrorCodes
    {
        get
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected-errors.json")));
            return json.RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
        }
    }
}
