using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UCE.Gateway.Tests.Support;

/// <summary>Builds GraphQL-over-HTTP requests and reads their answers.</summary>
public static class GraphQLHttp
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static HttpRequestMessage Post(string body, string contentType = "application/json", string? accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    public static HttpRequestMessage PostQuery(string query, object? variables = null, string? accept = GraphQLResponseJson) =>
        Post(JsonSerializer.Serialize(new { query, variables }), accept: accept);

    /// <summary>A GET as a non-browser client sends it, with the <c>GraphQL-Preflight</c> header that CSRF prevention asks for.</summary>
    public static HttpRequestMessage Get(string query, string? operationName = null, string? variables = null, string accept = GraphQLResponseJson, bool preflight = true)
    {
        var uri = "/graphql?query=" + Uri.EscapeDataString(query)
            + (operationName is null ? string.Empty : "&operationName=" + Uri.EscapeDataString(operationName))
            + (variables is null ? string.Empty : "&variables=" + Uri.EscapeDataString(variables));
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (preflight)
        {
            request.Headers.TryAddWithoutValidation("GraphQL-Preflight", "1");
        }

        return request;
    }

    /// <summary>Adds <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Sends the request as an agent, with a token of <see cref="TestTokenIssuer.Default"/> (and <paramref name="scopes"/>).</summary>
    public static HttpRequestMessage AsAgent(this HttpRequestMessage request, string? scopes = null) =>
        request.WithToken(TestTokenIssuer.Default.CreateToken("agent", scopes: scopes));

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("The response body is JSON null.");

    /// <summary>The <c>extensions.code</c> of the response's first error.</summary>
    public static string? FirstErrorCode(this JsonNode response) =>
        response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}
