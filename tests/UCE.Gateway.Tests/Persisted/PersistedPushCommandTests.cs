using UCE.Gateway.Configuration;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary><c>persisted push FILE --client NAME</c>: a manifest is checked whole, then stored whole or not at all.</summary>
public sealed class PersistedPushCommandTests : IDisposable
{
    private readonly string _prefix = "uce:test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", "push-" + Guid.NewGuid().ToString("N"));

    public PersistedPushCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_manifest_with_one_invalid_document_is_refused_whole_with_every_reason()
    {
        var manifest = await WriteAsync(ApolloManifest(
            ("good", "Good", "query Good { products { id } }"),
            ("unknown-field", "Unknown", "query Unknown { products { colour } }"),
            ("too-costly", "Costly", "query Costly { customers(first: 100) { nodes { accounts { bills(first: 24) { nodes { amountDue } } } } } }"),
            ("misnamed", "Misnamed", "query Other { products { id } }")));

        var (exitCode, _, error) = await PushAsync(manifest, "refused-client", redis: true);

        Assert.Equal(PersistedCommand.Refused, exitCode);
        Assert.Contains("Document unknown-field (Unknown): GRAPHQL_VALIDATION_FAILED: Cannot query field 'colour' on type 'Product'", error, StringComparison.Ordinal);
        Assert.Contains("Document too-costly (Costly): COST_ESTIMATED_TOO_EXPENSIVE", error, StringComparison.Ordinal);
        Assert.Contains("Document misnamed (Misnamed): MANIFEST_MISMATCH", error, StringComparison.Ordinal);
        Assert.Contains("refused (3 problem(s)); nothing was stored for client refused-client", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Document good", error, StringComparison.Ordinal);
        Assert.Null(await Store().VersionAsync("refused-client", CancellationToken.None));
    }

    [Fact]
    public async Task A_valid_manifest_is_stored_in_redis_as_the_clients_next_version()
    {
        var manifest = await WriteAsync(RelayManifest(("a", "query A { products { id } }"), ("b", "query B { activeOutages { id status } }")));

        var first = await PushAsync(manifest, "stored-client", redis: true);
        var second = await PushAsync(manifest, "stored-client", redis: true);

        Assert.Equal(PersistedCommand.Stored, first.ExitCode);
        Assert.Contains("stored 2 documents for client stored-client as version 1", first.Output, StringComparison.Ordinal);
        Assert.Contains("as version 2", second.Output, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await Store().GetAsync("stored-client", CancellationToken.None))!.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Operation_limits_of_the_clients_role_apply_when_it_is_named()
    {
        var manifest = await WriteAsync(RelayManifest(("deep", "query Deep { products { price { amount } } }")));

        var anyRole = await PushAsync(manifest, "role-client", redis: true, "--Gateway:RoleLimits:partner:MaxDepth=2");
        var partner = await PushAsync(manifest, "role-client", redis: true, "--role", "partner", "--Gateway:RoleLimits:partner:MaxDepth=2");

        Assert.Equal(PersistedCommand.Stored, anyRole.ExitCode);
        Assert.Equal(PersistedCommand.Refused, partner.ExitCode);
        Assert.Contains("MAX_DEPTH_LIMIT", partner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_redis_the_manifest_is_written_to_the_manifest_folder_in_apollos_format()
    {
        var manifest = await WriteAsync(RelayManifest(("a", "query A { products { id } }")));
        var folder = Path.Combine(_directory, "persisted");

        var (exitCode, output, _) = await PushAsync(manifest, "file-client", redis: false, $"--Gateway:PersistedDocuments:Directory={folder}");

        Assert.Equal(PersistedCommand.Stored, exitCode);
        Assert.Contains("no Redis configured", output, StringComparison.Ordinal);
        var (written, problems) = PersistedManifest.Read(await File.ReadAllTextAsync(Path.Combine(folder, "file-client.json")));
        Assert.Empty(problems);
        Assert.Equal("a", Assert.Single(written!.Documents).Id);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("push", "file.json")]
    [InlineData("push", "file.json", "--client", "no/such")]
    [InlineData("pull", "file.json", "--client", "x")]
    public async Task A_command_line_without_a_file_and_a_valid_client_is_a_usage_error(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(PersistedCommand.UsageError, await PersistedCommand.RunAsync(args, output, error));
        Assert.Contains("usage: persisted push", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_manifests_are_valid_against_the_committed_supergraph()
    {
        var folder = ShippedManifests;
        var check = new PersistedManifestCheck(new DocumentChecker(SupergraphSchema.Parse(TrustedDocumentSetup.Supergraph)));
        var files = PersistedManifestDirectory.Files(folder);

        Assert.Equal(["agent-desktop", "customer-portal", "energy-insights"], files.Keys.Order(StringComparer.Ordinal));
        foreach (var (client, file) in files)
        {
            var (manifest, problems) = PersistedManifest.Read(await File.ReadAllTextAsync(file.FullName));
            Assert.True(manifest is not null, string.Join("\n", problems));
            Assert.Empty(await check.CheckAsync(manifest.Documents));
            Assert.True(manifest.Documents.Count >= 4, client);
        }

        // The bench's customer 360 is one of the agent desktop's documents.
        var customer360 = await File.ReadAllTextAsync(UceSubgraphsFixture.RepositoryFile("bench/queries/customer360.graphql"));
        var agentDesktop = PersistedManifest.Read(await File.ReadAllTextAsync(files["agent-desktop"].FullName)).Manifest!;
        Assert.Contains(agentDesktop.Documents, document => document.Body == customer360);
    }

    private async Task<string> WriteAsync(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".manifest");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    private async Task<(int ExitCode, string Output, string Error)> PushAsync(string manifest, string client, bool redis, params string[] more)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args =
        [
            "push", manifest, "--client", client, "--supergraph", UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"),
            $"--Gateway:PersistedDocuments:RedisKeyPrefix={_prefix}",
            .. redis ? [$"--ConnectionStrings:Redis={TestRedis.Configuration}"] : Array.Empty<string>(),
            .. more,
        ];
        var exitCode = await PersistedCommand.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private RedisPersistedDocumentStore Store() => new(TestRedis.Connection, _prefix);
}
