using System.Globalization;
using System.Net;
using System.Net.Sockets;
using UCE.Communications;
using UCE.Gateway.Embedded;
using UCE.Products;

using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>The environment variables these tests set are process-wide: no other test class runs alongside them.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

/// <summary>Each embedded subgraph gets its own port, whatever the gateway's environment says.</summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class EmbeddedSubgraphPortTests
{
    [Fact]
    public void Embedded_subgraphs_listen_on_their_modules_default_ports_unless_configured()
    {
        var ports = EmbeddedSubgraphCatalog.Modules.Select(module => EmbeddedSubgraphs.PortOf(module, null)).ToArray();

        Assert.Equal([4001, 4002, 4003, 4004, 4005, 4006, 4007], ports);
        var products = EmbeddedSubgraphCatalog.Modules.Single(module => module.Name == "products");
        Assert.Equal(5105, EmbeddedSubgraphs.PortOf(products, new Dictionary<string, int> { ["products"] = 5105 }));
    }

    [Fact]
    public async Task UCE_PORT_in_the_gateway_environment_does_not_put_the_embedded_subgraphs_on_one_port()
    {
        // The port UCE_PORT names is held open here: a subgraph that tried to listen on it could not start.
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDirectory = Directory.CreateTempSubdirectory("uce-embedded-ports-").FullName;
        var previousPort = Environment.GetEnvironmentVariable("UCE_PORT");
        var previousDataDirectory = Environment.GetEnvironmentVariable("UCE_DATA_DIR");
        Environment.SetEnvironmentVariable("UCE_PORT", takenPort.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("UCE_DATA_DIR", dataDirectory);
        try
        {
            var ports = new Dictionary<string, int> { ["products"] = 0, ["communications"] = 0 };
            await using var subgraphs = await EmbeddedSubgraphs.CreateAsync(
                [new ProductsSubgraph(), new CommunicationsSubgraph()], null, TextWriter.Null, ports, TestSigning.Configuration, CancellationToken.None);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            await subgraphs.StartAsync(deadline.Token);

            Assert.Equal(["communications", "products"], subgraphs.Urls.Keys.Order(StringComparer.Ordinal));
            var listening = subgraphs.Urls.Values.Select(url => url.Port).ToArray();
            Assert.Equal(2, listening.Distinct().Count());
            Assert.DoesNotContain(takenPort, listening);
        }
        finally
        {
            Environment.SetEnvironmentVariable("UCE_PORT", previousPort);
            Environment.SetEnvironmentVariable("UCE_DATA_DIR", previousDataDirectory);
            taken.Stop();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
