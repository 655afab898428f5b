using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>A small GraphQL-over-HTTP client for tests: POST a query with variables and headers, read the JSON answer.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    /// <summary>POSTs <paramref name="query"/> as <c>application/json</c>, accepting <c>application/graphql-response+json</c>.</summary>
    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, IReadOnlyDictionary<string, string>? headers = null, string? operationName = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName }, Json);
        return SendRawAsync(HttpMethod.Post, body, "application/json", headers);
    }

    /// <summary>Sends any body with any content type and Accept header (transport tests).</summary>
    public async Task<GraphQLResponse> SendRawAsync(HttpMethod method, string? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null, string accept = "application/graphql-response+json", string path = "/graphql")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    /// <summary>GETs <c>/graphql?query=…</c>.</summary>
    public Task<GraphQLResponse> GetAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query);
        if (variables is not null)
        {
            url += "&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables, Json));
        }

        return SendRawAsync(HttpMethod.Get, null, null, accept: accept, path: url);
    }
}
