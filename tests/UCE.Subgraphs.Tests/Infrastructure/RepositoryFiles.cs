namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test binaries (walks up to <c>UCE.Graph.sln</c>).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

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
