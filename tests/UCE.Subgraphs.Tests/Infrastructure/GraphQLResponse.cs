using System.Net;
using System.Text.Json;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>A GraphQL HTTP response as the tests read it: status, media type and the JSON body.</summary>
public sealed class GraphQLResponse
{
    // Responses to deeply nested queries are deeper than the reader's default of 64.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };

    public GraphQLResponse(HttpStatusCode statusCode, string? mediaType, string body)
    {
        StatusCode = statusCode;
        MediaType = mediaType;
        Body = body;
        Json = body.Length == 0 ? default : JsonDocument.Parse(body, DocumentOptions).RootElement.Clone();
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The response's media type without parameters (<c>application/graphql-response+json</c>).</summary>
    public string? MediaType { get; }

    public string Body { get; }

    public JsonElement Json { get; }

    /// <summary>The <c>data</c> member; fails the test when absent.</summary>
    public JsonElement Data =>
        Json.TryGetProperty("data", out var data) ? data : throw new Xunit.Sdk.XunitException("The response has no data: " + Body);

    /// <summary>The errors' <c>extensions.code</c> values, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray()
                .Select(error => error.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code) ? code.GetString() : null)
                .ToList()
            : [];

    /// <summary>The errors' messages, in order.</summary>
    public IReadOnlyList<string> ErrorMessages =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(error => error.GetProperty("message").GetString() ?? string.Empty).ToList()
            : [];

    public bool HasErrors => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out _);

    /// <summary>Fails the test (printing the body) unless the response is 200 with data and no errors.</summary>
    public GraphQLResponse EnsureNoErrors()
    {
        if (StatusCode != HttpStatusCode.OK || HasErrors)
        {
            throw new Xunit.Sdk.XunitException($"Expected a successful GraphQL response, got {(int)StatusCode}: {Body}");
        }

        return this;
    }

    /// <summary>Follows a path of property names and indexes: <c>At("customer", "accounts", 0, "number")</c>.</summary>
    public JsonElement At(params object[] path)
    {
        var current = Data;
        foreach (var step in path)
        {
            current = step switch
            {
                string name => current.GetProperty(name),
                int index => current[index],
                _ => throw new ArgumentException("Path steps are property names or indexes.", nameof(path)),
            };
        }

        return current;
    }
}
