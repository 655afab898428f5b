namespace UCE.Gateway.Transport;

/// <summary>The self-contained page a browser gets from <c>GET /graphql</c>: edit an operation, run it, see the response (no external scripts).</summary>
public static class GraphQLIdePage
{
    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(GraphQLIdePage).Assembly.GetManifestResourceStream("UCE.Gateway.Transport.GraphQLIdePage.html")
            ?? throw new InvalidOperationException("The IDE page is missing from the assembly's resources.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.Body.WriteAsync(Content.Value, cancellationToken);
    }
}
