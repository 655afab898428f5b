using System.Text.Json;
using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Ide;

/// <summary>
/// The GraphQL IDE in the browser: Banana Cake Pop at <c>/graphql/ui</c> and for a browser's <c>GET /graphql</c>, configured
/// for this gateway's <c>/graphql</c> (HTTP, and WebSocket subscriptions with graphql-transport-ws) with telemetry off; the
/// small query page where the build had no npm. Nothing when <c>Gateway:Ide:Enabled</c> is off.
/// </summary>
public sealed class GraphQLIdeEndpoint
{
    /// <summary>Where the IDE and its files are served.</summary>
    public const string UiPath = "/graphql/ui";

    /// <summary>The file Banana Cake Pop reads its settings from, beside the page it runs on.</summary>
    public const string ConfigurationFile = "bcp-config.json";

    // Hashed file names (static/js/main.0349187e.js) change with their content: cached for a year. Everything else,
    // the page and its settings first, is revalidated.
    private const string ImmutableCache = "public, max-age=31536000, immutable";

    private readonly GraphQLIdeAssets _assets;
    private readonly GatewayHostOptions _options;

    public GraphQLIdeEndpoint(GraphQLIdeAssets assets, IOptions<GatewayHostOptions> options)
    {
        _assets = assets;
        _options = options.Value;
    }

    /// <summary>Whether the IDE is served (<see cref="GraphQLIdeOptions.Enabled"/> or its default).</summary>
    public bool IsEnabled => _options.IdeEnabled;

    /// <summary>The IDE's page: Banana Cake Pop, or the small query page without it.</summary>
    public async Task WritePageAsync(HttpContext context)
    {
        if (!_assets.IsAvailable)
        {
            await QueryPage.WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        var page = _assets.Page(context.Request.PathBase + UiPath + "/");
        await WriteAsync(context, "text/html; charset=utf-8", "no-cache", page);
    }

    /// <summary><c>/graphql/ui/{path}</c>: the page, its settings or one of its files; 404 for anything else.</summary>
    public async Task HandleUiAsync(HttpContext context, string? path)
    {
        if (!IsEnabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        switch (path)
        {
            case null or "" or "index.html":
                await WritePageAsync(context);
                return;
            case ConfigurationFile:
                await WriteConfigurationAsync(context);
                return;
        }

        if (_assets.Find(path) is not { } asset)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.File.Length;
        response.Headers.CacheControl = path.StartsWith("static/", StringComparison.Ordinal) ? ImmutableCache : "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.SendFileAsync(asset.File, context.RequestAborted);
        }
    }

    /// <summary>
    /// Banana Cake Pop's settings: this gateway's <c>/graphql</c>, resolved against the page's own address (so the scheme
    /// and host the browser used, and <c>ws(s)://…/graphql</c> for subscriptions), telemetry off.
    /// </summary>
    public async Task WriteConfigurationAsync(HttpContext context)
    {
        if (!IsEnabled || !_assets.IsAvailable)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var configuration = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["endpoint"] = context.Request.PathBase + "/graphql",
            ["useBrowserUrlAsEndpoint"] = true,
            ["title"] = "UCE Graph",
            ["disableTelemetry"] = true,
            ["includeCookies"] = false,
            ["useGet"] = false,
        });
        await WriteAsync(context, "application/json; charset=utf-8", "no-cache", configuration);
    }

    private static async Task WriteAsync(HttpContext context, string contentType, string cacheControl, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = cacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
