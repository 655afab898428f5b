using Microsoft.Net.Http.Headers;

namespace UCE.Gateway.Transport;

/// <summary>The media types of GraphQL over HTTP and the choice between them (<c>Accept</c> negotiation).</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response media type for an <c>Accept</c> header: the highest-quality type the gateway
    /// can produce, <c>application/graphql-response+json</c> on a tie; <c>application/json</c> when
    /// the header is absent or only wildcards match (what clients predating the spec expect);
    /// <c>null</c> when nothing acceptable is offered (406).
    /// </summary>
    public static ResponseFormat? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.All(string.IsNullOrWhiteSpace))
        {
            return ResponseFormat.Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted))
        {
            return null;
        }

        ResponseFormat? best = null;
        var bestQuality = 0.0;
        foreach (var mediaType in accepted)
        {
            var quality = mediaType.Quality ?? 1.0;
            if (quality <= 0 || !IsUtf8(mediaType))
            {
                continue;
            }

            ResponseFormat? format = mediaType.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponseJson => ResponseFormat.GraphQLResponseJson,
                Json or "application/*" or "*/*" => ResponseFormat.Json,
                _ => null,
            };
            if (format is null)
            {
                continue;
            }

            if (quality > bestQuality || (quality == bestQuality && format == ResponseFormat.GraphQLResponseJson))
            {
                best = format;
                bestQuality = quality;
            }
        }

        return best;
    }

    /// <summary>True when a request body's <c>Content-Type</c> is JSON in UTF-8.</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && IsUtf8(mediaType)
        && (mediaType.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase));

    /// <summary>The media type of an incremental (<c>@defer</c>) response, as Apollo Router writes it.</summary>
    public const string MultipartDefer = "multipart/mixed;boundary=\"graphql\";deferSpec=20220824";

    /// <summary>True when the <c>Accept</c> header takes <c>multipart/mixed</c> with <c>deferSpec=20220824</c> (incremental delivery).</summary>
    public static bool AcceptsMultipartDefer(IList<string>? acceptHeaders) =>
        acceptHeaders is not null
        && MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted)
        && accepted.Any(mediaType => mediaType.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase)
            && (mediaType.Quality ?? 1.0) > 0
            && mediaType.Parameters.Any(p => p.Name.Equals("deferSpec", StringComparison.OrdinalIgnoreCase) && (p.Value.Value ?? string.Empty).Trim('"') == "20220824"));

    /// <summary>The media type of a graphql-sse response.</summary>
    public const string EventStream = "text/event-stream";

    /// <summary>True when the <c>Accept</c> header asks for server-sent events (graphql-sse).</summary>
    public static bool AcceptsEventStream(IList<string>? acceptHeaders) =>
        acceptHeaders is not null
        && MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted)
        && accepted.Any(mediaType => mediaType.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase) && (mediaType.Quality ?? 1.0) > 0);

    /// <summary>True when the <c>Accept</c> header prefers an HTML page (a browser).</summary>
    public static bool AcceptsHtml(IList<string>? acceptHeaders) =>
        acceptHeaders is not null
        && MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted)
        && accepted.Any(mediaType => mediaType.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && (mediaType.Quality ?? 1.0) > 0);

    public static string ContentTypeOf(ResponseFormat format) => format switch
    {
        ResponseFormat.GraphQLResponseJson => GraphQLResponseJson + "; charset=utf-8",
        _ => Json + "; charset=utf-8",
    };

    private static bool IsUtf8(MediaTypeHeaderValue mediaType) =>
        !mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}
