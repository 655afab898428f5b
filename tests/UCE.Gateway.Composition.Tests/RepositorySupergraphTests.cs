using UCE.Gateway.Composition.Configuration;

namespace UCE.Gateway.Composition.Tests;

public sealed class RepositorySupergraphTests
{
    private static readonly string ConfigPath = Path.Combine(RepositoryPaths.Root, "schema", "supergraph.yaml");
    private static readonly string SupergraphPath = Path.Combine(RepositoryPaths.Root, "schema", "supergraph.graphql");

    private static async Task<IReadOnlyList<SubgraphDefinition>> LoadRepositorySubgraphs()
    {
        var config = RoverConfig.Load(ConfigPath);
        var missing = config.Subgraphs.Where(s => s.SchemaFile is not null && !File.Exists(s.SchemaFile)).Select(s => s.SchemaFile).ToList();
        Assert.True(missing.Count == 0, "schema/supergraph.yaml names SDL files that are not committed: " + string.Join(", ", missing));
        return await config.LoadSubgraphsAsync();
    }

    [Fact]
    public async Task Uce_subgraphs_compose_without_errors()
    {
        var subgraphs = await LoadRepositorySubgraphs();

        var result = SupergraphComposer.Compose(subgraphs);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Fact]
    public async Task Committed_supergraph_is_what_composing_the_committed_subgraph_sdls_gives()
    {
        var subgraphs = await LoadRepositorySubgraphs();
        var composed = SupergraphComposer.Compose(subgraphs);
        Assert.True(composed.Succeeded, string.Join("\n", composed.Errors));

        var committed = (await File.ReadAllTextAsync(SupergraphPath)).ReplaceLineEndings("\n").TrimEnd('\n');

        Assert.True(
            committed == composed.SupergraphSdl,
            "schema/supergraph.graphql is out of date: run `dotnet run --project gateway/UCE.Gateway -- compose` and commit the result");
    }
}
