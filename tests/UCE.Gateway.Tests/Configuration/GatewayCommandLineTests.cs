using UCE.Gateway.Configuration;

namespace UCE.Gateway.Tests.Configuration;

public sealed class GatewayCommandLineTests
{
    [Fact]
    public void Supergraph_and_port_become_gateway_settings()
    {
        var commandLine = GatewayCommandLine.Parse(["--supergraph", "schema/x.graphql", "--port", "4100"]);

        var settings = commandLine.ToConfiguration().ToDictionary();

        Assert.Equal(Path.GetFullPath("schema/x.graphql"), settings["Gateway:SupergraphPath"]);
        Assert.Equal("4100", settings["Gateway:Port"]);
    }

    [Fact]
    public void Options_also_take_the_equals_form()
    {
        var commandLine = GatewayCommandLine.Parse(["--port=0", "--customers=5000"]);

        Assert.Equal(0, commandLine.Port);
        Assert.Equal(5000, commandLine.Customers);
        Assert.Null(commandLine.SupergraphPath);
    }

    [Fact]
    public void No_options_means_the_embedded_default()
    {
        var commandLine = GatewayCommandLine.Parse([]);

        Assert.False(commandLine.IsCompose);
        Assert.Empty(commandLine.ToConfiguration());
    }

    [Fact]
    public void Unknown_arguments_are_left_to_the_host_configuration()
    {
        var commandLine = GatewayCommandLine.Parse(["--Gateway:MaxBatchSize=5", "--port", "1"]);

        Assert.Equal(["--Gateway:MaxBatchSize=5"], commandLine.HostArguments);
    }

    [Fact]
    public void Compose_passes_every_following_argument_through()
    {
        var commandLine = GatewayCommandLine.Parse(["compose", "--port", "a=b.graphql"]);

        Assert.True(commandLine.IsCompose);
        Assert.Equal(["--port", "a=b.graphql"], commandLine.ComposeArguments);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--customers", "0")]
    [InlineData("--customers", "-3")]
    public void Bad_numbers_are_explained_not_guessed(string option, string value)
    {
        using var error = new StringWriter();

        var commandLine = GatewayCommandLine.ParseOrExplain([option, value], error);

        Assert.Null(commandLine);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_its_value_is_explained()
    {
        using var error = new StringWriter();

        Assert.Null(GatewayCommandLine.ParseOrExplain(["--supergraph"], error));
        Assert.Contains("--supergraph needs a value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_reads_role_customer_scopes_client_and_lifetime()
    {
        var commandLine = GatewayCommandLine.Parse(["token", "--role", "Customer", "--customer", "cus-000007", "--scopes", "bills:read  usage:read", "--client=portal", "--expires", "90s", "--Gateway:Authentication:DevelopmentKeyPath=/tmp/k"]);

        var token = commandLine.Token!;
        Assert.Equal(UCE.Subgraphs.Hosting.Identity.CallerRole.Customer, token.Role);
        Assert.Equal("cus-000007", token.CustomerId);
        Assert.Equal("cus-000007", token.Subject);
        Assert.Equal(["bills:read", "usage:read"], token.Scopes);
        Assert.Equal("portal", token.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(90), token.Lifetime);
        Assert.Equal(["--Gateway:Authentication:DevelopmentKeyPath=/tmp/k"], commandLine.HostArguments);
    }

    [Theory]
    [InlineData("--expires", "0s")]
    [InlineData("--expires", "31d")]
    [InlineData("--expires", "1w")]
    [InlineData("--port", "4000")]
    public void Token_refuses_what_it_does_not_understand(string option, string value)
    {
        Assert.Throws<FormatException>(() => GatewayCommandLine.Parse(["token", "--role", "agent", option, value]));
    }
}

