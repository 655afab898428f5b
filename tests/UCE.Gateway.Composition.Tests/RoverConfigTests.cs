using System.Net;
using System.Text;
using UCE.Gateway.Composition.Configuration;

namespace UCE.Gateway.Composition.Tests;

public sealed class RoverConfigTests
{
    [Fact]
    public void Reads_federation_version_routing_urls_and_schema_sources()
    {
        const string Yaml = """
            federation_version: =2.3.0
            subgraphs:
              accounts:
                routing_url: http://127.0.0.1:4001/graphql
                schema:
                  file: ./subgraphs/accounts.graphql
              billing:
                routing_url: http://billing/graphql
                schema:
                  subgraph_url: http://127.0.0.1:4002/graphql
            """;

        var config = RoverConfig.Parse(Yaml, "/repo/schema");

        Assert.Equal("=2.3.0", config.FederationVersion);
        Assert.Collection(
            config.Subgraphs,
            a =>
            {
                Assert.Equal("accounts", a.Name);
                Assert.Equal("http://127.0.0.1:4001/graphql", a.RoutingUrl);
                Assert.Equal(Path.GetFullPath("/repo/schema/subgraphs/accounts.graphql"), a.SchemaFile);
            },
            b =>
            {
                Assert.Equal("billing", b.Name);
                Assert.Equal("http://billing/graphql", b.RoutingUrl);
                Assert.Equal(new Uri("http://127.0.0.1:4002/graphql"), b.SubgraphUrl);
                Assert.Null(b.SchemaFile);
            });
    }

    [Theory]
    [InlineData("subgraphs: [1, 2]")]
    [InlineData("federation_version: 2")]
    [InlineData("subgraphs:\n  a:\n    routing_url: http://a\n")]
    [InlineData("subgraphs:\n  a:\n    routing_url: http://a\n    schema:\n      other: x\n")]
    [InlineData("subgraphs: {a: [")]
    public void Malformed_config_is_rejected_with_a_format_error(string yaml)
    {
        Assert.Throws<FormatException>(() => RoverConfig.Parse(yaml, "/repo"));
    }

    [Fact]
    public async Task Subgraph_url_is_read_with_the_service_sdl_query()
    {
        string? sentBody = null;
        using var handler = new RecordingHandler(body =>
        {
            sentBody = body;
            return """{"data":{"_service":{"sdl":"type Query { hello: String }"}}}""";
        });
        using var client = new HttpClient(handler);
        var config = RoverConfig.Parse("subgraphs:\n  hello:\n    routing_url: http://hello/graphql\n    schema:\n      subgraph_url: http://127.0.0.1:9/graphql\n", "/repo");

        var subgraphs = await config.LoadSubgraphsAsync(client);

        var subgraph = Assert.Single(subgraphs);
        Assert.Equal("type Query { hello: String }", subgraph.Sdl);
        Assert.Equal("http://hello/graphql", subgraph.Url);
        Assert.Contains("_service { sdl }", sentBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subgraph_url_without_sdl_in_the_answer_fails_clearly()
    {
        using var handler = new RecordingHandler(_ => """{"errors":[{"message":"no"}]}""");
        using var client = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SubgraphIntrospection.FetchSdlAsync(client, new Uri("http://127.0.0.1:9/graphql")));

        Assert.Contains("did not return _service.sdl", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler(Func<string, string> answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer(body), Encoding.UTF8, "application/json") };
        }
    }
}
