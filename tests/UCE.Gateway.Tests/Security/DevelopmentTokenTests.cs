using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using UCE.Gateway.Authentication;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Security;

/// <summary>The <c>token</c> command and the development key: trusted by the embedded default, by nothing else.</summary>
public sealed partial class DevelopmentTokenTests : IDisposable
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(60);

    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", "dev-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Token_command_prints_one_token_that_the_embedded_default_accepts_and_a_configured_gateway_refuses()
    {
        var (exitCode, output, error) = await RunGatewayAsync("token", "--role", "customer", "--customer", "cus-000001", "--scopes", "bills:read", "--expires", "10m");

        Assert.True(exitCode == 0, error);
        Assert.Matches(SingleTokenLine(), output);
        var token = output.Trim();
        await using var embedded = await GatewayTestHost.StartEmbeddedDefaultAsync(_keyDirectory);
        await using var configured = await GatewayTestHost.StartFederatedAsync(await File.ReadAllTextAsync(EndToEnd.UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql")));
        await using var unconfigured = await GatewayTestHost.StartFederatedAsync(await File.ReadAllTextAsync(EndToEnd.UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql")), trustTestIssuer: false);

        using var accepted = await embedded.Client.SendAsync(GraphQLHttp.PostQuery("{ __typename }").WithToken(token));
        using var refusedByConfigured = await configured.Client.SendAsync(GraphQLHttp.PostQuery("{ __typename }").WithToken(token));
        using var refusedByUnconfigured = await unconfigured.Client.SendAsync(GraphQLHttp.PostQuery("{ __typename }").WithToken(token));

        Assert.Equal("""{"data":{"__typename":"Query"}}""", await accepted.Content.ReadAsStringAsync());
        await BearerTokenTests.AssertUnauthenticatedAsync(refusedByConfigured, "invalid_token");
        await BearerTokenTests.AssertUnauthenticatedAsync(refusedByUnconfigured, "invalid_token");
    }

    [Fact]
    public async Task Embedded_default_still_refuses_a_bad_token()
    {
        await using var embedded = await GatewayTestHost.StartEmbeddedDefaultAsync(_keyDirectory);

        using var response = await embedded.Client.SendAsync(GraphQLHttp.PostQuery("{ __typename }").WithToken(TestTokenIssuer.Default.CreateToken()));

        await BearerTokenTests.AssertUnauthenticatedAsync(response, "invalid_token");
    }

    [Theory]
    [InlineData("token", "--role", "customer")]
    [InlineData("token", "--role", "anonymous")]
    [InlineData("token", "--role", "root")]
    [InlineData("token")]
    [InlineData("token", "--role", "agent", "--expires", "forever")]
    [InlineData("token", "--role", "agent", "--customer", "cus-000001")]
    public async Task Token_command_with_wrong_options_prints_nothing_on_stdout_and_fails(params string[] args)
    {
        var (exitCode, output, error) = await RunGatewayAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Development_key_is_made_once_when_processes_race_for_it_and_only_its_owner_can_read_it()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DevelopmentSigningKey.LoadOrCreate(_keyDirectory))));

        Assert.Single(keys.Select(key => key.PublicKey.KeyId).Distinct());
        Assert.Equal([Path.Combine(_keyDirectory, "jwt-signing-key.pem")], Directory.GetFiles(_keyDirectory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys[0].Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_keyDirectory));
        }
    }

    [Fact]
    public void Development_key_that_other_users_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var key = DevelopmentSigningKey.LoadOrCreate(_keyDirectory);
        File.SetUnixFileMode(key.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = Assert.Throws<InvalidOperationException>(() => DevelopmentSigningKey.LoadOrCreate(_keyDirectory));
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, null, true)]
    [InlineData(false, false, null, false)]
    [InlineData(true, true, null, false)]
    [InlineData(false, false, true, false)]
    [InlineData(true, false, false, false)]
    public void Development_keys_are_trusted_only_by_the_embedded_default_without_configured_authentication(bool embeddedDefault, bool issuerConfigured, bool? switchedOn, bool trusted)
    {
        var options = new GatewayAuthenticationOptions { DevelopmentKeys = switchedOn };
        if (issuerConfigured)
        {
            options.Issuer = "https://issuer.example";
            options.Audiences = ["uce"];
            options.JwksPath = "jwks.json";
        }

        var problems = options.Problems(embeddedDefault).ToList();
        Assert.Equal(trusted, options.TrustsDevelopmentKeys(embeddedDefault) && problems.Count == 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test made no key.
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunGatewayAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UCE.Gateway.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Gateway__Authentication__DevelopmentKeyPath"] = _keyDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(WaitBound);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\r?\n\z")]
    private static partial Regex SingleTokenLine();
}
