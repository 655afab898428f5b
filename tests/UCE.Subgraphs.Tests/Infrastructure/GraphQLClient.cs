using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>A small GraphQL-over-HTTP client for tests: POST a query with variables and headers, read the JSON answer.</summary>
/// <param name="http">The client of the host.</param>
/// <param name="clock">The host's clock, which signatures are dated by (the system clock when <c>null</c>).</param>
/// <param name="caller">Who the requests come from (anonymous when <c>null</c>).</param>
public sealed class GraphQLClient(HttpClient http, TimeProvider? clock = null, CallerIdentity? caller = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    /// <summary>Who the requests come from: the identity headers sent with each (none for anonymous).</summary>
    public CallerIdentity Caller { get; } = caller ?? CallerIdentity.Anonymous;

    /// <summary>A client on the same host that calls as <paramref name="caller"/>.</summary>
    public GraphQLClient As(CallerIdentity caller) => new(Http, clock, caller);

    /// <summary>POSTs <paramref name="query"/> as <c>application/json</c>, accepting <c>application/graphql-response+json</c>.</summary>
    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, IReadOnlyDictionary<string, string>? headers = null, string? operationName = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName }, Json);
        return SendRawAsync(HttpMethod.Post, body, "application/json", headers);
    }

    /// <summary>
    /// Sends any body with any content type and Accept header (transport tests), signed as the gateway signs it unless
    /// <paramref name="sign"/> is false or <paramref name="headers"/> carry their own signature.
    /// </summary>
    public async Task<GraphQLResponse> SendRawAsync(HttpMethod method, string? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null, string accept = "application/graphql-response+json", string path = "/graphql", bool sign = true)
    {
        // Headers given for one request replace the client's caller.
        headers ??= Caller.ToHeaders().ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
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

        if (sign && !request.Headers.Contains(IdentityHeaders.Signature))
        {
            var query = path.IndexOf('?', StringComparison.Ordinal) is var mark and >= 0 ? path[(mark + 1)..] : string.Empty;
            request.Headers.TryAddWithoutValidation(IdentityHeaders.Signature, TestSigning.Sign(headers, method == HttpMethod.Get ? query : body ?? string.Empty, (clock ?? TimeProvider.System).GetUtcNow()));
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
