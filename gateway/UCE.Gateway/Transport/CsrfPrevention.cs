using Microsoft.Net.Http.Headers;

namespace UCE.Gateway.Transport;

/// <summary>
/// Cross-site request forgery prevention for requests a browser sends without asking first. A page on
/// another site can make a browser send a <c>GET</c> (or a form <c>POST</c>) with the user's cookies and no
/// CORS preflight; it cannot add a custom header or a JSON content type without one. So such a request
/// must carry one of those: <c>POST</c> already must be <c>application/json</c>, and <c>GET</c> must carry
/// a preflight header (<c>GraphQL-Preflight</c>, <c>Apollo-Require-Preflight</c>, <c>X-Apollo-Operation-Name</c>)
/// or a content type that is not one of the three a form can send.
/// </summary>
public static class CsrfPrevention
{
    /// <summary>The headers that make a request one a browser would have preflighted.</summary>
    public static readonly IReadOnlyList<string> PreflightHeaders = ["GraphQL-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"];

    private static readonly string[] SimpleContentTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

    /// <summary>True when the request could not have been sent cross-site without a CORS preflight.</summary>
    public static bool IsPreflighted(IHeaderDictionary headers)
    {
        foreach (var name in PreflightHeaders)
        {
            if (headers.ContainsKey(name))
            {
                return true;
            }
        }

        return headers.TryGetValue(HeaderNames.ContentType, out var contentType)
            && MediaTypeHeaderValue.TryParse(contentType.ToString(), out var parsed)
            && !SimpleContentTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase);
    }
}
