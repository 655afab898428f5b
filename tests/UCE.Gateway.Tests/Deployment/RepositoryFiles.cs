namespace UCE.Gateway.Tests.Deployment;

/// <summary>Finds files of the repository from the test binaries (walks up to <c>UCE.Graph.sln</c>).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>The C# sources under <paramref name="relativeDirectory"/>, build output left out, as (repository path, text).</summary>
    public static IEnumerable<(string Path, string Text)> CSharpSources(string relativeDirectory) =>
        Directory.EnumerateFiles(PathOf(relativeDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(file)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "UCE.Graph.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("UCE.Graph.sln not found above " + AppContext.BaseDirectory);
    }
}
