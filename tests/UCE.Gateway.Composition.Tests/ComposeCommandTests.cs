namespace UCE.Gateway.Composition.Tests;

public sealed class ComposeCommandTests : IDisposable
{
    private const string Link = """extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])""";

    private readonly string directory = Directory.CreateTempSubdirectory("uce-compose-").FullName;

    private string ConfigPath => Path.Combine(directory, "supergraph.yaml");

    private string OutPath => Path.Combine(directory, "supergraph.graphql");

    public ComposeCommandTests()
    {
        File.WriteAllText(ConfigPath, """
            federation_version: =2.3.0
            subgraphs:
              customers:
                routing_url: http://127.0.0.1:4001/graphql
                schema:
                  file: ./customers.graphql
              billing:
                routing_url: http://127.0.0.1:4002/graphql
                schema:
                  file: ./billing.graphql
            """);
        File.WriteAllText(Path.Combine(directory, "customers.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! name: String email: String }\ntype Query { customer(id: ID!): Customer }");
        File.WriteAllText(Path.Combine(directory, "billing.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! balance: Int }");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await ComposeCommand.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Compose_writes_the_supergraph_with_routing_urls_from_the_config()
    {
        var (exitCode, _, stderr) = await Run("compose", "--config", ConfigPath, "--out", OutPath);

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        var supergraph = await File.ReadAllTextAsync(OutPath);
        Assert.Contains("CUSTOMERS @join__graph(name: \"customers\", url: \"http://127.0.0.1:4001/graphql\")", supergraph, StringComparison.Ordinal);
        Assert.Contains("balance: Int @join__field(graph: BILLING)", supergraph, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_prints_composition_hints_on_stderr_and_still_succeeds()
    {
        File.WriteAllText(Path.Combine(directory, "billing.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! balance: Int }\nenum Region { NORTH }");

        var (exitCode, _, stderr) = await Run("--config", ConfigPath, "--out", OutPath);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "hint UNUSED_ENUM_TYPE: Enum type \"Region\" is defined but unused. It will be included in the supergraph with all the values appearing in any subgraph (\"as if\" it was only used as an output type).",
            stderr.TrimEnd());
        Assert.True(File.Exists(OutPath));
    }

    [Fact]
    public async Task Check_passes_when_the_committed_supergraph_is_up_to_date()
    {
        await Run("--config", ConfigPath, "--out", OutPath);

        var (exitCode, stdout, _) = await Run("--config", ConfigPath, "--out", OutPath, "--check");

        Assert.Equal(0, exitCode);
        Assert.Contains("up to date", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_fails_and_flags_a_removed_field_as_breaking()
    {
        await Run("--config", ConfigPath, "--out", OutPath);
        var committed = await File.ReadAllTextAsync(OutPath);
        File.WriteAllText(Path.Combine(directory, "customers.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! name: String phone: String }\ntype Query { customer(id: ID!): Customer }");

        var (exitCode, stdout, stderr) = await Run("--config", ConfigPath, "--out", OutPath, "--check");

        Assert.Equal(1, exitCode);
        Assert.Contains("is not what composing", stderr, StringComparison.Ordinal);
        Assert.Contains("BREAKING FIELD_REMOVED Customer.email", stdout, StringComparison.Ordinal);
        Assert.Contains("safe     FIELD_ADDED Customer.phone", stdout, StringComparison.Ordinal);
        Assert.Equal(committed, await File.ReadAllTextAsync(OutPath));
    }

    [Fact]
    public async Task Against_fails_on_breaking_changes_and_passes_on_safe_ones()
    {
        await Run("--config", ConfigPath, "--out", OutPath);
        var baseline = Path.Combine(directory, "baseline.graphql");
        File.Copy(OutPath, baseline);

        File.WriteAllText(Path.Combine(directory, "billing.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! balance: Int overdue: Boolean }");
        var safe = await Run("--config", ConfigPath, "--out", OutPath, "--against", baseline);
        File.WriteAllText(Path.Combine(directory, "billing.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! overdue: Boolean }");
        var breaking = await Run("--config", ConfigPath, "--out", OutPath, "--against", baseline);

        Assert.Equal(0, safe.ExitCode);
        Assert.Contains("0 breaking, 1 safe", safe.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, breaking.ExitCode);
        Assert.Contains("BREAKING FIELD_REMOVED Customer.balance", breaking.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Composition_errors_are_all_printed_with_codes_and_exit_non_zero()
    {
        File.WriteAllText(Path.Combine(directory, "billing.graphql"), Link + "\ntype Customer @key(fields: \"id\") { id: ID! name: Int }\nenum Customer2 { A }\ntype Query { x: Missing }");

        var (exitCode, _, stderr) = await Run("--config", ConfigPath, "--out", OutPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("INVALID_GRAPHQL [billing", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(OutPath));
    }

    [Fact]
    public async Task Missing_schema_file_is_reported_without_a_crash()
    {
        File.Delete(Path.Combine(directory, "billing.graphql"));

        var (exitCode, _, stderr) = await Run("--config", ConfigPath, "--out", OutPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot load", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var (exitCode, _, stderr) = await Run("--frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: compose", stderr, StringComparison.Ordinal);
    }
}
