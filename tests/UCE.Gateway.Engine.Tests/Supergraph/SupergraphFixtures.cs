using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Tests.Supergraph;

/// <summary>The Apollo-composed supergraphs under <c>tests/fixtures/supergraphs</c>, with their queries.</summary>
public static class SupergraphFixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Dictionary<string, SupergraphSchema> Parsed = [];
    private static readonly Lock ParsedLock = new();

    public static string Directory => Root.Value;

    public static string ReadSupergraph(string fixture) => File.ReadAllText(Path.Combine(Directory, fixture, "supergraph.graphql"));

    public static string ReadQuery(string fixture, string query) => File.ReadAllText(Path.Combine(Directory, fixture, "queries", query + ".graphql"));

    /// <summary>The parsed supergraph of a fixture, parsed once per test run.</summary>
    public static SupergraphSchema Load(string fixture)
    {
        lock (ParsedLock)
        {
            if (!Parsed.TryGetValue(fixture, out var schema))
            {
                schema = SupergraphSchema.Parse(ReadSupergraph(fixture));
                Parsed[fixture] = schema;
            }

            return schema;
        }
    }

    /// <summary>Every (fixture, query) pair, for theories.</summary>
    public static IEnumerable<object[]> AllQueries()
    {
        foreach (var fixture in System.IO.Directory.GetDirectories(Directory).Order(StringComparer.Ordinal))
        {
            var queries = Path.Combine(fixture, "queries");
            if (!System.IO.Directory.Exists(queries))
            {
                continue;
            }

            foreach (var query in System.IO.Directory.GetFiles(queries, "*.graphql").Order(StringComparer.Ordinal))
            {
                yield return [Path.GetFileName(fixture), Path.GetFileNameWithoutExtension(query)];
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "supergraphs");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/supergraphs was not found above the test output directory.");
    }
}
