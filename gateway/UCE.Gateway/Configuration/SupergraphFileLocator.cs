namespace UCE.Gateway.Configuration;

/// <summary>Finds the committed <c>schema/supergraph.graphql</c> for the embedded default.</summary>
public static class SupergraphFileLocator
{
    /// <summary>The supergraph's path relative to the repository root (and to the build output, where it is copied).</summary>
    public const string RelativePath = "schema/supergraph.graphql";

    /// <summary>
    /// The working directory and its parents first (so <c>dotnet run</c> inside the repository serves,
    /// and hot-reloads, the committed file), then the copy in the build output (so a published gateway
    /// runs from anywhere).
    /// </summary>
    public static string? Find()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, RelativePath);
        return SearchUpward(Directory.GetCurrentDirectory()) ?? (File.Exists(beside) ? beside : null);
    }

    private static string? SearchUpward(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
