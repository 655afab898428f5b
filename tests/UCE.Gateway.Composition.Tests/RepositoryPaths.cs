namespace UCE.Gateway.Composition.Tests;

/// <summary>Finds the repository and the composition corpus from the test's output directory.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "tests", "UCE.Gateway.Composition.Tests", "Corpus");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "UCE.Graph.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("UCE.Graph.sln not found above the test directory");
    }
}
