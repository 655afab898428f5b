namespace UCE.Gateway.Ide;

/// <summary>
/// The small self-contained page to edit and run operations (no external scripts), served in place of Banana Cake Pop when
/// the build had no npm to fetch it.
/// </summary>
public static class QueryPage
{
    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(QueryPage).Assembly.GetManifestResourceStream("UCE.Gateway.Ide.QueryPage.html")
            ?? throw new InvalidOperationException("The query page is missing from the assembly's resources.");
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
