using System.Text;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Ide;

/// <summary>
/// Banana Cake Pop's files as the build copied them (<c>graphql-ide/</c> beside the binaries, see <c>GraphQLIde.targets</c>),
/// or nothing when the build had no npm.
/// </summary>
public sealed class GraphQLIdeAssets : IDisposable
{
    /// <summary>The folder beside the gateway's binaries where the build puts the IDE.</summary>
    public const string DefaultFolder = "graphql-ide";

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    private readonly PhysicalFileProvider? _files;
    private readonly string? _index;

    public GraphQLIdeAssets(IOptions<GatewayHostOptions> options)
    {
        var folder = Path.GetFullPath(options.Value.Ide.AssetsPath ?? Path.Combine(AppContext.BaseDirectory, DefaultFolder));
        var index = Path.Combine(folder, "index.html");
        if (File.Exists(index))
        {
            _files = new PhysicalFileProvider(folder);
            _index = File.ReadAllText(index);
        }
    }

    /// <summary>Whether Banana Cake Pop is there to serve.</summary>
    public bool IsAvailable => _files is not null;

    /// <summary>
    /// The IDE's page, its relative asset paths resolved under <paramref name="uiPath"/> (<c>/graphql/ui/</c>), so that the
    /// same page works at <c>/graphql</c>.
    /// </summary>
    public byte[] Page(string uiPath)
    {
        var index = _index ?? throw new InvalidOperationException("Banana Cake Pop is not part of this build.");
        var baseElement = $"<head><base href=\"{System.Net.WebUtility.HtmlEncode(uiPath)}\"/>";
        return Encoding.UTF8.GetBytes(index.Replace("<head>", baseElement, StringComparison.Ordinal));
    }

    /// <summary>A file of the IDE by its path under <c>/graphql/ui/</c>, with its content type; <c>null</c> when there is none.</summary>
    public (IFileInfo File, string ContentType)? Find(string relativePath)
    {
        if (_files is null || relativePath.Length == 0)
        {
            return null;
        }

        // PhysicalFileProvider refuses paths that leave its folder (.., rooted paths) with a file that does not exist.
        var file = _files.GetFileInfo(relativePath);
        if (!file.Exists || file.IsDirectory || ContentTypeOf(relativePath) is not { } contentType)
        {
            return null;
        }

        return (file, contentType);
    }

    public void Dispose() => _files?.Dispose();

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".js"] = "text/javascript; charset=utf-8";
        provider.Mappings[".css"] = "text/css; charset=utf-8";
        provider.Mappings[".html"] = "text/html; charset=utf-8";
        provider.Mappings[".json"] = "application/json; charset=utf-8";
        provider.Mappings[".txt"] = "text/plain; charset=utf-8";
        provider.Mappings[".woff2"] = "font/woff2";
        provider.Mappings[".ttf"] = "font/ttf";
        return provider;
    }

    // LICENSE has no extension and is text.
    private static string? ContentTypeOf(string path) =>
        Path.GetExtension(path).Length == 0 ? "text/plain; charset=utf-8"
        : ContentTypes.TryGetContentType(path, out var contentType) ? contentType
        : null;
}
