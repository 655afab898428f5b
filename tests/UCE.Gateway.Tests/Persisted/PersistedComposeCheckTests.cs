using UCE.Gateway.Composition;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary><c>compose</c> fails when the new composition would break a trusted document, and says which and why.</summary>
public sealed class PersistedComposeCheckTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", "compose-" + Guid.NewGuid().ToString("N"));

    public PersistedComposeCheckTests()
    {
        // A copy of the repository's composition input, to change.
        Directory.CreateDirectory(Path.Combine(_directory, "subgraphs"));
        Directory.CreateDirectory(Path.Combine(_directory, "persisted"));
        File.Copy(UceSubgraphsFixture.RepositoryFile("schema/supergraph.yaml"), Path.Combine(_directory, "supergraph.yaml"));
        File.Copy(UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"), Path.Combine(_directory, "supergraph.graphql"));
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(UceSubgraphsFixture.RepositoryFile("schema/subgraphs/products.graphql"))!, "*.graphql"))
        {
            File.Copy(file, Path.Combine(_directory, "subgraphs", Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Compose_check_fails_when_a_schema_change_breaks_a_stored_document_and_names_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "persisted", "catalogue-partner.json"), ApolloManifest(
            ("terms-v1", "Terms", "query Terms { products { id terms } }"),
            ("names-v1", "Names", "query Names { products { id name } }")));
        var prefix = "uce:test:" + Guid.NewGuid().ToString("N") + ":";
        var store = new RedisPersistedDocumentStore(TestRedis.Connection, prefix);
        await store.PublishAsync("pushed-partner", [new PersistedDocument("pushed-terms", "query PushedTerms { product(id: \"p\") { terms } }", "PushedTerms")], CancellationToken.None);
        var products = Path.Combine(_directory, "subgraphs", "products.graphql");
        await File.WriteAllTextAsync(products, (await File.ReadAllTextAsync(products)).Replace("  terms: String!\n", "", StringComparison.Ordinal));

        var (exitCode, output, error) = await ComposeAsync(store, "--out", Path.Combine(_directory, "supergraph.graphql"), "--check");

        Assert.Equal(ComposeCommand.Failed, exitCode);
        Assert.Contains("FIELD_REMOVED", output, StringComparison.Ordinal);
        Assert.Contains("client catalogue-partner", error, StringComparison.Ordinal);
        Assert.Contains("Document terms-v1 (Terms): GRAPHQL_VALIDATION_FAILED: Cannot query field 'terms' on type 'Product'", error, StringComparison.Ordinal);
        Assert.Contains("client pushed-partner (store version 1): Document pushed-terms (PushedTerms)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("names-v1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_fails_even_when_it_writes_a_supergraph_that_breaks_a_document()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "persisted", "catalogue-partner.json"), RelayManifest(("terms-v1", "query Terms { products { terms } }")));
        var products = Path.Combine(_directory, "subgraphs", "products.graphql");
        await File.WriteAllTextAsync(products, (await File.ReadAllTextAsync(products)).Replace("  terms: String!\n", "", StringComparison.Ordinal));

        var (exitCode, _, error) = await ComposeAsync(store: null, "--out", Path.Combine(_directory, "written.graphql"));

        Assert.Equal(ComposeCommand.Failed, exitCode);
        Assert.True(File.Exists(Path.Combine(_directory, "written.graphql")));
        Assert.Contains("terms-v1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_check_of_the_repository_passes_with_the_shipped_manifests()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var check = new PersistedComposeCheck(ShippedManifests, store: null, new OperationLimits());

        var exitCode = await ComposeCommand.RunAsync(
            ["--config", UceSubgraphsFixture.RepositoryFile("schema/supergraph.yaml"), "--out", UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"), "--check"],
            output,
            error,
            [check]);

        Assert.True(exitCode == ComposeCommand.Success, error.ToString());
        Assert.Contains("trusted documents: all", output.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> ComposeAsync(IPersistedDocumentStore? store, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var check = new PersistedComposeCheck(Path.Combine(_directory, "persisted"), store, new OperationLimits());
        var exitCode = await ComposeCommand.RunAsync(["--config", Path.Combine(_directory, "supergraph.yaml"), .. args], output, error, [check]);
        return (exitCode, output.ToString(), error.ToString());
    }
}
