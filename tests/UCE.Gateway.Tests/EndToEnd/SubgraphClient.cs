using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>Asks one subgraph directly, to compare what the gateway answers with what the owner says.</summary>
public static class SubgraphClient
{
    public static async Task<JsonNode> QueryAsync(Uri url, string query, object? variables = null)
    {
        using var http = new HttpClient();
        var text = JsonSerializer.Serialize(new { query, variables });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-UCE-Role", "agent");
        TestSigning.Sign(request, text);
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["errors"]);
        return body["data"]!;
    }

    /// <summary>One entity by key through the subgraph's <c>_entities</c> field.</summary>
    public static async Task<JsonNode> EntityAsync(Uri url, string typeName, string id, string selection)
    {
        var data = await QueryAsync(
            url,
            $"query($r: [_Any!]!) {{ _entities(representations: $r) {{ ... on {typeName} {{ {selection} }} }} }}",
            new { r = new[] { new Dictionary<string, string> { ["__typename"] = typeName, ["id"] = id } } });
        return data["_entities"]![0]!;
    }
}
