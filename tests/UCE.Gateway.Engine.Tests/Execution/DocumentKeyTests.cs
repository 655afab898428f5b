using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>
/// A request with a <see cref="GatewayRequest.DocumentKey"/> (a trusted document's content hash) is served from the document
/// and plan cached under that key: once cached, its text is neither parsed nor looked up.
/// </summary>
public sealed class DocumentKeyTests : IDisposable
{
    private const string Query = "{ me { username } }";
    private const string Key = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

    private readonly TestGateway _gateway = new(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs());

    public DocumentKeyTests() => _gateway.Plan(Query, Root("accounts", "{ me { username } }"));

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task A_keyed_document_is_parsed_and_planned_once_then_served_by_its_key_alone()
    {
        var first = await RunAsync(Query, Key);
        // The text is not what the key stands for: had the engine read it, this would be a parse error.
        var second = await RunAsync("{ this is not read", Key);

        Assert.Equal("""{"data":{"me":{"username":"ada"}}}""", first.ToJsonString());
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(1, _gateway.PlanCalls);
        Assert.Equal((1L, 1L), _gateway.Engine.DocumentCacheStatistics);
        Assert.Equal((1L, 1L), _gateway.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task A_text_that_spells_a_key_never_stands_in_for_the_keyed_document()
    {
        // Cached by text as a parse failure: it must not become what the key serves.
        var text = await _gateway.RunAsync(Key);
        var keyed = await RunAsync(Query, Key);

        Assert.Equal("GRAPHQL_PARSE_FAILED", text["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("ada", keyed["data"]!["me"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_text_by_key_and_by_text_are_cached_apart_and_answer_alike()
    {
        var byText = await _gateway.RunAsync(Query);
        var byKey = await RunAsync(Query, Key);

        Assert.Equal(byText.ToJsonString(), byKey.ToJsonString());
        Assert.Equal(2, _gateway.PlanCalls);
    }

    [Fact]
    public async Task Without_access_rules_in_the_supergraph_no_answer_is_public()
    {
        var response = await _gateway.Engine.ExecuteAsync(new GatewayRequest(Query, DocumentKey: Key), CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.False(response.IsPublic);
    }

    private Task<JsonObject> RunAsync(string query, string key) => _gateway.RunRawAsync(new GatewayRequest(query, DocumentKey: key));
}
