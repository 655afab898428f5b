using Microsoft.Extensions.Configuration;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine;
using UCE.Gateway.Tests.Deployment;

namespace UCE.Gateway.Tests.Resilience;

/// <summary>
/// The subgraph timeout a gateway runs with when nobody sets one: a few seconds, so that one slow subgraph costs a page its
/// slowest part (<c>SUBGRAPH_TIMEOUT</c>) instead of holding every request that needs it for half a minute.
/// </summary>
public sealed class SubgraphTimeoutDefaultsTests
{
    private static readonly TimeSpan Expected = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_shipped_appsettings_keep_the_five_second_default()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryFiles.PathOf("gateway/UCE.Gateway/appsettings.json"), optional: false, reloadOnChange: false)
            .Build();
        var options = new GatewayHostOptions();
        configuration.GetSection(GatewayHostOptions.SectionName).Bind(options);

        Assert.Equal(Expected, options.DefaultSubgraphTimeout);
    }

    [Fact]
    public void The_engine_and_the_host_default_to_the_same_timeout()
    {
        Assert.Equal(Expected, new GatewayHostOptions().DefaultSubgraphTimeout);
        Assert.Equal(Expected, new GatewayOptions().SubgraphTimeout);
    }
}
