using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Engine;

namespace UCE.Gateway.Transport;

/// <summary>
/// HTTP caching of a GraphQL <c>GET</c>: an answer that depends on no caller (<see cref="GatewayResponse.IsPublic"/>: a query
/// selecting nothing the supergraph's access rules protect, without errors) is <c>Cache-Control: public, max-age=…</c>;
/// anything else is <c>private, no-store</c>. Every <c>200</c> carries a strong <c>ETag</c> of its body, and a request whose
/// <c>If-None-Match</c> names it is answered <c>304</c> without a body. POST answers carry no caching headers.
/// </summary>
public sealed partial class GraphQLHttpEndpoint
{
    private const string PrivateCacheControl = "private, no-store";

    private static string PublicCacheControl(TimeSpan maxAge) =>
        string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)Math.Max(0, maxAge.TotalSeconds)}");

    private async Task WriteCacheableAsync(HttpContext context, ResponseFormat format, int statusCode, GatewayResponse result)
    {
        var response = context.Response;
        var body = result.ToUtf8Json();
        response.Headers.CacheControl = statusCode == StatusCodes.Status200OK && result.IsPublic ? _publicCacheControl : PrivateCacheControl;
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        response.ContentType = GraphQLMediaTypes.ContentTypeOf(format);
        if (statusCode == StatusCodes.Status200OK)
        {
            var etag = EntityTag(body.Span, format);
            response.Headers.ETag = etag;
            if (Matches(context.Request.Headers.IfNoneMatch, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentType = null;
                return;
            }
        }

        response.StatusCode = statusCode;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The first 128 bits of the body's SHA-256, with the media type mixed in (the same body in the other media type is another representation).</summary>
    private static string EntityTag(ReadOnlySpan<byte> body, ResponseFormat format)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        hash[0] ^= (byte)format;
        return "\"" + Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? string.Empty).Split(','))
            {
                var tag = candidate.Trim();
                if (tag == "*" || tag == etag || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == etag))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
