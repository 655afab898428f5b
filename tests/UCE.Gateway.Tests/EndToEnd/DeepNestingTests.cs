using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// Deeply nested operations through the gateway over the UCE subgraphs: refused by the depth limit by default; with
/// the limit lifted, answered in full up to the parser's depth and refused as parse failures beyond it; never an
/// internal error.
/// </summary>
public sealed class DeepNestingTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>
{
    // Responses to these operations are deeper than the default of 64 that JsonNode reads.
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 512 };

    // Nested account lists multiply: lifting the depth limit alone leaves the cost limit to refuse these.
    private static readonly Dictionary<string, string?> DepthUnlimited = new() { ["Gateway:Limits:MaxDepth"] = "0", ["Gateway:Limits:MaxCost"] = "0" };

    [Theory]
    [InlineData(21)]
    [InlineData(43)]
    [InlineData(61)]
    public async Task Query_nested_deeper_than_the_depth_limit_is_refused_with_its_code(int levels)
    {
        await using var gateway = await subgraphs.StartGatewayAsync();

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(NestedCustomerQuery(levels)));
        var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MAX_DEPTH_LIMIT", json.FirstErrorCode());
        Assert.Null(json["data"]);
    }

    [Theory]
    [InlineData(43)]
    [InlineData(61)]
    public async Task Query_nested_as_deep_as_the_parser_admits_is_answered_in_full_with_depth_and_cost_limits_lifted(int levels)
    {
        await using var gateway = await subgraphs.StartGatewayAsync(DepthUnlimited);
        using var request = GraphQLHttp.PostQuery(NestedCustomerQuery(levels)).AsAgent();

        using var response = await gateway.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonNode.Parse(body, documentOptions: Deep)!;
        Assert.Null(json["errors"]);
        var current = json["data"]!["customer"]!;
        for (var level = 2; level <= levels; level++)
        {
            current = level % 2 == 0 ? Assert.Single(current["accounts"]!.AsArray())! : current["customer"]!;
        }

        Assert.Equal(levels % 2 == 1 ? "cus-000001" : "acc-000001-r", current["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(70)]
    [InlineData(2000)]
    public async Task Query_nested_deeper_than_the_parser_admits_is_a_short_parse_failure(int levels)
    {
        await using var gateway = await subgraphs.StartGatewayAsync();
        var query = NestedCustomerQuery(levels);

        foreach (var request in new[] { GraphQLHttp.PostQuery(query), GraphQLHttp.Get(query) })
        {
            using (request)
            using (var response = await gateway.Client.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal(GraphQLHttp.GraphQLResponseJson, response.Content.Headers.ContentType?.MediaType);
                var json = await response.ReadJsonAsync();
                Assert.Equal("GRAPHQL_PARSE_FAILED", json.FirstErrorCode());
                var message = Assert.Single(json["errors"]!.AsArray())!["message"]!.GetValue<string>();
                Assert.InRange(message.Length, 1, 200);
                Assert.DoesNotContain("accounts", message, StringComparison.Ordinal);
                Assert.Null(json["data"]);
            }
        }
    }

    [Fact]
    public async Task Query_nested_deeper_than_the_parser_admits_is_a_parse_failure_with_application_json()
    {
        await using var gateway = await subgraphs.StartGatewayAsync();

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(NestedCustomerQuery(70), accept: "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GRAPHQL_PARSE_FAILED", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    /// <summary><c>customer(id:"cus-000001") { accounts { customer { accounts { … { id } } } } }</c> with <paramref name="levels"/> object fields.</summary>
    private static string NestedCustomerQuery(int levels)
    {
        var query = new StringBuilder("{ customer(id: \"cus-000001\") {");
        for (var level = 2; level <= levels; level++)
        {
            query.Append(level % 2 == 0 ? " accounts {" : " customer {");
        }

        query.Append(" id ").Append(new string('}', levels + 1));
        return query.ToString();
    }
}
